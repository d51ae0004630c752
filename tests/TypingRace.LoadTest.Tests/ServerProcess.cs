using System.Diagnostics;
using System.Reflection;
using System.Text;
using TypingRace.Testing;

namespace TypingRace.LoadTest.Tests;

/// <summary>A server built beside these tests, run as its own process on a free loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServerProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    public int Pid => process.Id;

    /// <summary>What the server wrote, for the message of a failed test.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>The TypingRace gateway with everything in memory and a short countdown, as bench/relay/run.sh runs it.</summary>
    public static Task<ServerProcess> StartGateway() => Start("GatewayDll", new Dictionary<string, string>
    {
        ["Rooms__Countdown"] = "00:00:01",
        // A cohort round's heats start 2 s after it does; racers that connect later learn of the race on joining.
        ["Cohorts__RoundCountdown"] = "00:00:02",
        ["Cohorts__HeatSize"] = "5",
        ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(),
        ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(),
        ["Orleans__ClusterId"] = $"loadtest-{Guid.NewGuid():N}",
    });

    public static Task<ServerProcess> StartBareRelay() => Start("BareRelayDll", new Dictionary<string, string>());

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static async Task<ServerProcess> Start(string dllKey, Dictionary<string, string> settings)
    {
        var dll = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == dllKey).Value!;
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", url.ToString() },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, url);
        server.process.OutputDataReceived += (_, line) => server.Append(line.Data);
        server.process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilLive();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilLive()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not answer /healthz within {StartTimeout.TotalSeconds} s:\n{Log}");
    }

    private void Append(string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
