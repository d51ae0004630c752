using System.Globalization;
using System.Runtime.InteropServices;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using StackExchange.Redis;
using TypingRace.Engine.Leaderboards;
using TypingRace.Grains.Results;
using TypingRace.Leaderboards;
using TypingRace.Testing;

namespace TypingRace.Bench.Leaderboards;

/// <summary>
/// The leaderboard write benchmark: results per second through the grains' own write path, <see cref="ResultRecorder"/>
/// into <see cref="RedisLeaderboardStore"/>, against the ZADD limit redis-benchmark measures on the same server in the
/// same run. See bench/README.md.
/// </summary>
internal static class Program
{
    private const int PipelineDepth = 16;

    public static async Task<int> Main(string[] args)
    {
        BenchOptions? options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{BenchOptions.Usage}");
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var repo = RepositoryRoot();
        var guides = options.GuidesDirectory ?? (repo is null ? null : Path.Combine(repo, "content", "guides"));
        var outputDirectory = options.OutputDirectory ?? Path.Combine(repo ?? Directory.GetCurrentDirectory(), "bench", "results");
        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();

        using var ownServer = options.Redis is null ? new RedisServer(durable: false) : null;
        // Ctrl+C or a kill ends the process without leaving the using: stop our redis-server first. Not cancelling
        // the signal lets the process end as it would have.
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => ownServer?.Dispose());
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => ownServer?.Dispose());

        var endpoint = ownServer?.Endpoint ?? options.Redis!;
        var (host, port) = HostAndPort(endpoint);
        Say($"Redis at {endpoint} ({(ownServer is null ? "given with --redis" : "started by the bench, no persistence")})");

        var configuration = ConfigurationOptions.Parse(endpoint);
        configuration.AbortOnConnectFail = false;
        configuration.AllowAdmin = true;
        using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var version = (await RedisInfo.Read(server)).Version;

        Say($"redis-benchmark -t zadd -n {options.ZaddRequests:N0}, no pipelining");
        var unpipelined = await ZaddBenchmark.Run(host, port, options.ZaddRequests, 1, CancellationToken.None);
        Say($"  {unpipelined.Line}");
        Say($"redis-benchmark -t zadd -n {options.ZaddRequests:N0} -P {PipelineDepth}");
        var pipelined = await ZaddBenchmark.Run(host, port, options.ZaddRequests, PipelineDepth, CancellationToken.None);
        Say($"  {pipelined.Line}");

        // Our own server holds nothing else, so it gets the product's own key prefix; someone else's gets a separate one.
        var keys = ownServer is null ? new BoardKeys("trbench:") : new BoardKeys();
        var store = new RedisLeaderboardStore(redis, keys: keys, writeBatch: options.WriteBatch, writeLanes: options.WriteLanes);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var firstError = new FirstError();
        // Its retry loop is not started: a write it cannot make counts as an error and is not written again.
        var recorder = new ResultRecorder(store, Options.Create(new LeaderboardOptions()), services.GetRequiredService<IMeterFactory>(), firstError);
        var workload = new Workload(options.Players, options.CohortShare, guides, options.Seed);
        Say($"ResultRecorder.Record: {options.Concurrency} in flight{(options.RaceSize > 1 ? $" in races of {options.RaceSize}" : "")}, up to {options.WriteBatch} results a script call, {options.WriteLanes} calls in flight, "
            + $"{workload.Players:N0} players, {workload.Passages:N0} passages of {workload.Guides} guides, "
            + $"{options.Duration.TotalSeconds:0} s after {options.Warmup.TotalSeconds:0} s of warm-up");
        var run = await new StoreBench(recorder, firstError, server, workload, options).Run(line => Say($"  {line}"));
        var keysInRedis = await server.DatabaseSizeAsync();

        var report = Report.Build(new ReportInput(
            startedAt,
            options,
            endpoint,
            ownServer is not null,
            version,
            workload,
            unpipelined,
            pipelined,
            run,
            keysInRedis,
            loadBefore,
            LoadAverage(),
            CpuModel(),
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription));
        if (Console.IsOutputRedirected)
        {
            // Piped into tee or a file: Spectre would fall back to 80 columns and wrap every note.
            AnsiConsole.Profile.Width = 140;
        }

        AnsiConsole.Write(Report.Table(report));

        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, $"leaderboards-{startedAt:yyyyMMdd'T'HHmmss'Z'}.json");
        await File.WriteAllTextAsync(path, Report.Json(report));
        Say($"Written to {path}");
        return run.Errors == 0 ? 0 : 1;
    }

    private static void Say(string line) => Console.WriteLine(line);

    private static (string Host, int Port) HostAndPort(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture, out var port)
            ? (endpoint[..colon], port)
            : (endpoint, 6379);
    }

    /// <summary>The folder holding TypingRace.sln, looked for above the working folder and above the program.</summary>
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "TypingRace.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg.</summary>
    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
