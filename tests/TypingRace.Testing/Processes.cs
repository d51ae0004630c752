using System.Diagnostics;

namespace TypingRace.Testing;

/// <summary>Commands the deploy checks run as an operator would: kubectl, yamllint, node, dotnet, git.</summary>
public static class Processes
{
    /// <summary>Runs a command to its end, with <paramref name="stdin"/> as its input; returns its exit code and all it printed.</summary>
    public static async Task<(int Exit, string Output)> Run(string command, string workingDirectory, IEnumerable<string> args, string? stdin = null)
    {
        using var process = Start(command, workingDirectory, args, environment: null);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts a command with its output redirected; the caller reads it, or lets it be.</summary>
    public static Process Start(string command, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
    }
}
