using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HdrHistogram;
using Spectre.Console;

namespace TypingRace.Bench.Leaderboards;

internal sealed record ReportInput(
    DateTimeOffset StartedAt,
    BenchOptions Options,
    string Endpoint,
    bool ServerStartedByBench,
    string RedisVersion,
    Workload Workload,
    ZaddLimit Unpipelined,
    ZaddLimit Pipelined,
    StoreRun Run,
    long KeysInRedis,
    string LoadBefore,
    string LoadAfter,
    string CpuModel,
    string Runtime,
    string OperatingSystem);

internal sealed record Report(
    DateTimeOffset StartedAtUtc,
    MachineSection Machine,
    RedisSection Redis,
    OptionsSection Options,
    WorkloadSection Workload,
    ZaddSection ZaddLimit,
    StoreSection Store,
    RatioSection Ratios,
    GoalSection Goal)
{
    public const double GoalResultsPerSecond = 20_000;

    /// <summary>
    /// The commands RedisLeaderboardStore's record script calls with redis.call. They reach Redis only from inside
    /// the script during the store run, so their calls are the script's inner commands.
    /// </summary>
    private static readonly string[] ScriptCommands = ["set", "lpush", "ltrim", "hincrby", "hset", "zadd", "expireat", "zrevrank"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Report Build(ReportInput input)
    {
        var run = input.Run;
        var seconds = run.Seconds;
        var calls = run.Before.CallsUntil(run.After);
        var micros = run.Before.MicrosecondsUntil(run.After);
        var total = run.After.TotalCommands - run.Before.TotalCommands;
        var inner = ScriptCommands.Sum(c => calls.GetValueOrDefault(c));
        var scripts = calls.GetValueOrDefault("evalsha") + calls.GetValueOrDefault("eval");
        var scriptMicros = micros.GetValueOrDefault("evalsha") + micros.GetValueOrDefault("eval");
        var results = run.Results;
        var resultsPerSecond = results / seconds;
        var commandsPerSecond = total / seconds;
        var redisCores = (run.After.CpuSeconds - run.Before.CpuSeconds) / seconds;
        var benchCores = run.BenchCpuSeconds / seconds;
        var machineCores = run.MachineBefore.BusyCoresUntil(run.MachineAfter);
        var usecPerScript = scripts == 0 ? double.NaN : (double)scriptMicros / scripts;
        var usecPerResult = results == 0 ? double.NaN : (double)scriptMicros / results;
        var latency = run.LatencyMicroseconds;
        var innerMicros = ScriptCommands.ToDictionary(c => c, c => micros.GetValueOrDefault(c) / (double)Math.Max(1, results));
        var redisTime = new RedisTimeSection(
            usecPerResult,
            innerMicros.Values.Sum(),
            usecPerResult - innerMicros.Values.Sum(),
            innerMicros.Where(e => e.Value > 0).OrderByDescending(e => e.Value).ToDictionary(e => e.Key, e => Math.Round(e.Value, 2)));

        return new Report(
            input.StartedAt,
            new MachineSection(
                Environment.ProcessorCount,
                input.CpuModel,
                input.OperatingSystem,
                input.Runtime,
                input.LoadBefore,
                input.LoadAfter),
            new RedisSection(input.RedisVersion, input.Endpoint, input.ServerStartedByBench, input.KeysInRedis),
            new OptionsSection(
                input.Options.Duration.TotalSeconds,
                input.Options.Warmup.TotalSeconds,
                input.Options.Concurrency,
                input.Options.Players,
                input.Options.ZaddRequests,
                input.Options.CohortShare,
                input.Options.WriteBatch,
                input.Options.WriteLanes,
                input.Options.RaceSize,
                input.Options.Seed),
            new WorkloadSection(
                input.Workload.Players,
                input.Workload.Guides,
                input.Workload.Passages,
                input.Workload.GuideSource,
                results == 0 ? 0 : (double)run.Placements / results,
                results == 0 ? 0 : 5 + ((double)run.Placements / results)),
            new ZaddSection(Zadd(input.Unpipelined), Zadd(input.Pipelined)),
            new StoreSection(
                results,
                run.Errors,
                run.FirstError,
                run.Duplicates,
                seconds,
                resultsPerSecond,
                total,
                commandsPerSecond,
                inner,
                (total - inner) / seconds,
                results == 0 ? 0 : (double)total / results,
                scripts,
                scripts == 0 ? 0 : (double)results / scripts,
                results == 0 ? 0 : (double)calls.GetValueOrDefault("zrevrank") / results,
                usecPerScript,
                1_000_000 / usecPerResult,
                redisTime,
                new LatencySection(
                    Millis(latency.GetValueAtPercentile(50)),
                    Millis(latency.GetValueAtPercentile(90)),
                    Millis(latency.GetValueAtPercentile(99)),
                    Millis(latency.GetValueAtPercentile(99.9)),
                    Millis(latency.GetMaxValue()),
                    Math.Round(latency.GetMean() / 1000, 3),
                    latency.TotalCount),
                new CpuSection(
                    redisCores,
                    benchCores,
                    machineCores,
                    machineCores - redisCores - benchCores,
                    results == 0 ? 0 : (run.After.CpuSeconds - run.Before.CpuSeconds) * 1_000_000 / results,
                    results == 0 ? 0 : run.BenchCpuSeconds * 1_000_000 / results),
                calls,
                run.Timeline),
            new RatioSection(
                commandsPerSecond / input.Pipelined.RequestsPerSecond,
                commandsPerSecond / input.Unpipelined.RequestsPerSecond,
                (total - inner) / seconds / input.Unpipelined.RequestsPerSecond),
            new GoalSection(GoalResultsPerSecond, resultsPerSecond >= GoalResultsPerSecond, resultsPerSecond / GoalResultsPerSecond));
    }

    public static string Json(Report report) => JsonSerializer.Serialize(report, JsonOptions) + "\n";

    public static Table Table(Report report)
    {
        var store = report.Store;
        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Notes");
        void Row(string measure, string value, string notes = "") =>
            table.AddRow(Markup.Escape(measure), Markup.Escape(value), Markup.Escape(notes));

        Row("Machine", $"{report.Machine.Cores} cores", report.Machine.CpuModel);
        Row("Redis", report.Redis.Version, report.Redis.StartedByBench ? "started by the bench, no persistence" : report.Redis.Endpoint);
        Row("ZADD limit, no pipelining", Rate(report.ZaddLimit.Unpipelined.RequestsPerSecond), "redis-benchmark -t zadd, 50 clients");
        Row("ZADD limit, -P 16", Rate(report.ZaddLimit.Pipelined.RequestsPerSecond), "redis-benchmark -t zadd -P 16");
        Row("Results written", store.Results.ToString("N0", CultureInfo.InvariantCulture), $"in {store.Seconds:0.0} s, {store.Errors} errors, {store.Duplicates} replays");
        Row("Results come", report.Options.RaceSize == 1 ? "one by one" : $"in races of {report.Options.RaceSize}",
            report.Options.RaceSize == 1 ? "as rooms hand them on today" : "a race's results recorded at once, on one passage");
        Row("Results per second", Rate(store.ResultsPerSecond), $"goal {Report.GoalResultsPerSecond:N0}: {(report.Goal.Met ? "met" : "NOT met")} ({report.Goal.Share:P0})");
        Row("Boards per result", $"{report.Workload.BoardsPerResult:0.0}", $"{report.Workload.KeysPerResult:0.0} keys per result with history, totals, bests, marker");
        Row("Redis commands per second", Rate(store.CommandsPerSecond), "total_commands_processed; includes commands run inside the script");
        Row("  of which top level", Rate(store.TopLevelCommandsPerSecond), "EVALSHA and anything else sent by the client");
        Row("Redis commands per result", $"{store.CommandsPerResult:0.0}", "");
        Row("Results per script call", $"{store.ResultsPerScript:0.0}", $"{store.Scripts:N0} EVALSHA; up to {report.Options.WriteBatch} a call, {report.Options.WriteLanes} in flight");
        Row("Rank reads per result", $"{store.RankReadsPerResult:0.0}", "ZREVRANK: the ranks the results screen shows, read in the write");
        Row("Commands / pipelined ZADD limit", $"{report.Ratios.CommandsToPipelinedZadd:P1}", "");
        Row("Commands / unpipelined ZADD limit", $"{report.Ratios.CommandsToUnpipelinedZadd:0.0}x", "");
        Row("Redis script time per result", $"{store.RedisMicrosecondsPerResult.Script:0.0} us", $"{store.RedisMicrosecondsPerScript:0.0} us a script call; ceiling {store.ScriptBoundResultsPerSecond:N0} results/s if Redis ran only scripts");
        Row("  inside: commands / Lua", $"{store.RedisMicrosecondsPerResult.InnerCommands:0.0} / {store.RedisMicrosecondsPerResult.ScriptOverhead:0.0} us",
            string.Join(", ", store.RedisMicrosecondsPerResult.ByCommand.Take(4).Select(e => $"{e.Key} {e.Value:0.0} us")));
        Row("Write latency p50 / p90", $"{store.LatencyMs.P50:0.00} / {store.LatencyMs.P90:0.00} ms", $"{report.Options.Concurrency} in flight");
        Row("Write latency p99", $"{store.LatencyMs.P99:0.00} ms", $"p99.9 {store.LatencyMs.P999:0.00} ms, max {store.LatencyMs.Max:0.00} ms");
        Row("CPU cores busy", $"{store.Cpu.MachineCores:0.00} of {report.Machine.Cores}", $"redis-server {store.Cpu.RedisCores:0.00}, bench {store.Cpu.BenchCores:0.00}, other processes {store.Cpu.OtherCores:0.00}");
        Row("CPU time per result", $"{store.Cpu.RedisMicrosecondsPerResult:0} / {store.Cpu.BenchMicrosecondsPerResult:0} us", "redis-server / bench process");
        return table;
    }

    private static ZaddEntry Zadd(ZaddLimit limit) =>
        new(limit.Pipeline, limit.Requests, limit.Clients, limit.RequestsPerSecond, limit.Line);

    private static double Millis(long micros) => Math.Round(micros / 1000.0, 3);

    private static string Rate(double perSecond) => $"{perSecond:N0} /s";
}

internal sealed record MachineSection(int Cores, string CpuModel, string OperatingSystem, string Runtime, string LoadAverageBefore, string LoadAverageAfter);

internal sealed record RedisSection(string Version, string Endpoint, bool StartedByBench, long KeysAfterRun);

internal sealed record OptionsSection(
    double DurationSeconds,
    double WarmupSeconds,
    int Concurrency,
    int Players,
    int ZaddRequests,
    double CohortShare,
    int WriteBatch,
    int WriteLanes,
    int RaceSize,
    int Seed);

internal sealed record WorkloadSection(
    int Players,
    int Guides,
    int Passages,
    string GuideSource,
    double BoardsPerResult,
    double KeysPerResult);

internal sealed record ZaddEntry(int Pipeline, int Requests, int Clients, double RequestsPerSecond, string RedisBenchmarkLine);

internal sealed record ZaddSection(ZaddEntry Unpipelined, ZaddEntry Pipelined);

/// <param name="Commands">total_commands_processed over the window: top-level commands and those run inside scripts.</param>
/// <param name="ScriptInnerCommands">Calls of the commands the record script runs, from INFO commandstats.</param>
/// <param name="ResultsPerScript">Results per EVALSHA: how many the store wrote together.</param>
/// <param name="RankReadsPerResult">ZREVRANK calls per result: the board ranks read for the results screen.</param>
/// <param name="RedisMicrosecondsPerScript">INFO commandstats usec per EVALSHA: Redis' own time for one script call.</param>
/// <param name="ScriptBoundResultsPerSecond">Results per second if Redis did nothing but these scripts.</param>
/// <param name="CommandCalls">INFO commandstats calls over the window, per command.</param>
/// <param name="ResultsPerSecondTimeline">Results finished in each second of the window.</param>
internal sealed record StoreSection(
    long Results,
    long Errors,
    string? FirstError,
    long Duplicates,
    double Seconds,
    double ResultsPerSecond,
    long Commands,
    double CommandsPerSecond,
    long ScriptInnerCommands,
    double TopLevelCommandsPerSecond,
    double CommandsPerResult,
    long Scripts,
    double ResultsPerScript,
    double RankReadsPerResult,
    double RedisMicrosecondsPerScript,
    double ScriptBoundResultsPerSecond,
    RedisTimeSection RedisMicrosecondsPerResult,
    LatencySection LatencyMs,
    CpuSection Cpu,
    IReadOnlyDictionary<string, long> CommandCalls,
    IReadOnlyList<long> ResultsPerSecondTimeline);

/// <param name="Script">INFO commandstats usec of EVALSHA per result: the whole script, inner commands included.</param>
/// <param name="InnerCommands">usec of the commands the script ran, per result.</param>
/// <param name="ScriptOverhead">The rest: Lua itself, argument handling, the EVALSHA call.</param>
/// <param name="ByCommand">usec per result for each inner command, largest first.</param>
internal sealed record RedisTimeSection(double Script, double InnerCommands, double ScriptOverhead, IReadOnlyDictionary<string, double> ByCommand);

internal sealed record LatencySection(double P50, double P90, double P99, double P999, double Max, double Mean, long Count);

/// <param name="OtherCores">Busy cores not explained by redis-server or the bench: other processes on the machine.</param>
/// <param name="RedisMicrosecondsPerResult">CPU time redis-server used per result (used_cpu_user + used_cpu_sys).</param>
/// <param name="BenchMicrosecondsPerResult">CPU time this process used per result: the store, StackExchange.Redis, the bench.</param>
internal sealed record CpuSection(
    double RedisCores,
    double BenchCores,
    double MachineCores,
    double OtherCores,
    double RedisMicrosecondsPerResult,
    double BenchMicrosecondsPerResult);

/// <param name="CommandsToPipelinedZadd">Redis commands per second (inner ones included) over the -P 16 ZADD rate.</param>
/// <param name="TopLevelToUnpipelinedZadd">Client commands per second over the unpipelined ZADD rate.</param>
internal sealed record RatioSection(double CommandsToPipelinedZadd, double CommandsToUnpipelinedZadd, double TopLevelToUnpipelinedZadd);

internal sealed record GoalSection(double ResultsPerSecond, bool Met, double Share);
