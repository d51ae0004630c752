using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TypingRace.Bench.Leaderboards;

/// <param name="Pipeline">Commands each client sends before reading replies (redis-benchmark -P); 1 is none.</param>
/// <param name="Clients">redis-benchmark's default -c.</param>
/// <param name="Line">redis-benchmark's own summary line, kept as evidence.</param>
internal sealed record ZaddLimit(int Pipeline, int Requests, int Clients, double RequestsPerSecond, string Line);

/// <summary>Runs <c>redis-benchmark -t zadd</c> against the same server: the most ZADDs per second it can take.</summary>
internal static partial class ZaddBenchmark
{
    public const int DefaultClients = 50;

    public static async Task<ZaddLimit> Run(string host, int port, int requests, int pipeline, CancellationToken ct)
    {
        var start = new ProcessStartInfo("redis-benchmark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-t", "zadd",
            "-n", requests.ToString(CultureInfo.InvariantCulture), "-q",
            .. pipeline > 1 ? ["-P", pipeline.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-benchmark did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("redis-benchmark is not installed: sudo apt-get install -y redis-tools", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var text = await stdout + await stderr;

            // With -q it prints progress lines ending in \r, then "ZADD: 123456.79 requests per second, p50=0.199 msec".
            var match = Summary().Matches(text).LastOrDefault()
                ?? throw new InvalidOperationException($"redis-benchmark printed no ZADD figure (exit {process.ExitCode}):\n{text}");
            var line = text[match.Index..].Split('\r', '\n')[0].Trim();
            var rps = double.Parse(match.Groups["rps"].Value, CultureInfo.InvariantCulture);
            return new ZaddLimit(pipeline, requests, DefaultClients, rps, line);
        }
    }

    [GeneratedRegex(@"ZADD:\s*(?<rps>[0-9]+(\.[0-9]+)?)\s+requests per second")]
    private static partial Regex Summary();
}
