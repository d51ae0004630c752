using System.Globalization;
using TypingRace.Leaderboards;

namespace TypingRace.Bench.Leaderboards;

/// <summary>The command line. Every option has a default, so the bench runs with no arguments.</summary>
/// <param name="Redis">host:port of a Redis to use; null starts a throwaway redis-server on a free loopback port.</param>
/// <param name="CohortShare">Share of players in a cohort (0..1). The product sets no cohort today, so 0.</param>
/// <param name="WriteBatch">Results one script call writes at most (RedisLeaderboardStore's writeBatch).</param>
/// <param name="WriteLanes">Script calls in flight at once (RedisLeaderboardStore's writeLanes).</param>
/// <param name="RaceSize">1: every result on its own, as the product records them today (a room hands its results on one
/// at a time). Above 1: results come as races of that many players on one passage, all recorded at once.</param>
internal sealed record BenchOptions(
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    int Players,
    string? Redis,
    int ZaddRequests,
    double CohortShare,
    int WriteBatch,
    int WriteLanes,
    int RaceSize,
    string? GuidesDirectory,
    string? OutputDirectory,
    int Seed)
{
    public const string Usage = """
        Writes finished results the way the grains do, through ResultRecorder.Record (the result and the
        player's name) into RedisLeaderboardStore and a real Redis, as fast as it can; the store gathers the
        calls in flight into script calls. It measures redis-benchmark -t zadd (with and without -P 16) on
        the same server as the limit.

        Options:
          --duration SECONDS      measured time (default 30)
          --warmup SECONDS        unmeasured time before it (default 5)
          --concurrency N         Record calls in flight (default 128)
          --players N             distinct players (default 10000)
          --redis HOST:PORT       use this Redis instead of starting one (keys go under "trbench:")
          --zadd-requests N       requests per redis-benchmark run (default 1000000)
          --cohort-share X        share of players in a cohort, 0..1 (default 0, as the product today)
          --write-batch N         results one script call writes at most (default the store's, 128)
          --write-lanes N         script calls in flight at once (default the store's, 2)
          --race-size N           1 (the default): results one by one, as rooms hand them on today; above 1:
                                  races of N players on one passage, a race's results recorded all at once
          --guides DIR            guide Markdown to take passages from (default content/guides)
          --output-dir DIR        where the JSON goes (default bench/results)
          --seed N                random seed for players and results (default 1)
        """;

    /// <summary>Null when the arguments ask for help.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(5),
            128,
            10_000,
            null,
            1_000_000,
            0,
            RedisLeaderboardStore.DefaultWriteBatch,
            RedisLeaderboardStore.DefaultWriteLanes,
            1,
            null,
            null,
            1);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "-h" or "--help" => null,
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, Number(name, Value()))) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Math.Max(0, Number(name, Value()))) },
                "--concurrency" => options with { Concurrency = (int)Positive(name, Number(name, Value())) },
                "--players" => options with { Players = (int)Positive(name, Number(name, Value())) },
                "--redis" => options with { Redis = Value() },
                "--zadd-requests" => options with { ZaddRequests = (int)Positive(name, Number(name, Value())) },
                "--cohort-share" => options with { CohortShare = Math.Clamp(Number(name, Value()), 0, 1) },
                "--write-batch" => options with { WriteBatch = (int)Positive(name, Number(name, Value())) },
                "--write-lanes" => options with { WriteLanes = (int)Positive(name, Number(name, Value())) },
                "--race-size" => options with { RaceSize = (int)Positive(name, Number(name, Value())) },
                "--guides" => options with { GuidesDirectory = Value() },
                "--output-dir" => options with { OutputDirectory = Value() },
                "--seed" => options with { Seed = (int)Number(name, Value()) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    private static double Number(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} takes a number, not '{text}'.");

    private static double Positive(string name, double value) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be above 0.");
}
