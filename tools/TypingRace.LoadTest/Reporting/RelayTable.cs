using System.Globalization;
using System.Text;

namespace TypingRace.LoadTest.Reporting;

/// <summary>
/// The comparison of bench/README.md, from the JSON files of one run of bench/relay/run.sh:
/// one row per server and racer count, then each server's capacity and memory per racer.
/// </summary>
public static class RelayTable
{
    /// <summary>A server holds a racer count when p99 stays within this and no error appears.</summary>
    public const double LatencyLimitMs = 100;

    public const string TypingRace = "typingrace";
    public const string Bare = "bare";

    public static string Markdown(IReadOnlyList<RunReport> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("| server | racers | offered keys/s | p50 | p99 | server CPU | server µs/key | generator CPU | generator µs/message | server MB | p99 TypingRace / bare |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ordered = runs.OrderBy(run => run.Racers).ThenBy(run => run.Server == TypingRace ? 0 : 1).ToList();
        foreach (var run in ordered)
        {
            var bare = runs.FirstOrDefault(other => other.Server == Bare && other.Racers == run.Racers);
            var ratio = run.Server == TypingRace && bare is { LatencyMs.P99: > 0 } ? $"{run.LatencyMs.P99 / bare.LatencyMs.P99:0.00}×" : "";
            text.AppendLine(Invariant(
                $"| {Name(run.Server)} | {Racers(run)} | {run.OfferedKeysPerSecond:N0} | {run.LatencyMs.P50:0.0} ms | {run.LatencyMs.P99:0.0} ms{Errors(run)} | {Percent(run.ServerProcess?.CpuPercent)} | {Micros(run.ServerProcess?.CpuMicrosecondsPerKey)} | {Percent(run.Generator.CpuPercent)} | {Micros(run.Generator.CpuMicrosecondsPerMessage)} | {run.ServerProcess?.LoadedRssMb:0} | {ratio} |"));
        }

        text.AppendLine();
        var typingRace = Capacity(runs, TypingRace);
        var bareCapacity = Capacity(runs, Bare);
        text.AppendLine(Invariant($"Capacity (the most racers held with p99 ≤ {LatencyLimitMs:0} ms and no errors): TypingRace {Show(typingRace)}, bare {Show(bareCapacity)}{CapacityRatio(typingRace, bareCapacity)}."));
        text.AppendLine();
        text.AppendLine(Invariant($"Load average (1 min) at the end of each step, on {runs[0].Machine.Cores} cores: ")
            + string.Join(", ", ordered.Select(run => Invariant($"{Name(run.Server)} {run.Racers}: {run.Machine.LoadAverage:0.0}"))) + ".");
        text.AppendLine();
        text.AppendLine("| racers | TypingRace KB / racer | bare KB / racer | TypingRace / bare |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var racers in runs.Select(run => run.Racers).Distinct().Order())
        {
            var ours = PerRacer(runs, TypingRace, racers);
            var theirs = PerRacer(runs, Bare, racers);
            var ratio = ours is { } a && theirs is > 0 and var b ? Invariant($"{a / b:0.00}×") : "";
            text.AppendLine(Invariant($"| {racers} | {ours:0} | {theirs:0} | {ratio} |"));
        }

        return text.ToString();
    }

    /// <summary>The largest racer count the server held; null when it held none of the steps.</summary>
    public static int? Capacity(IReadOnlyList<RunReport> runs, string server) => runs
        .Where(run => run.Server == server && Held(run))
        .Select(run => (int?)run.Racers)
        .Max();

    public static bool Held(RunReport run) => run.Errors == 0 && run.Connected == run.Racers && run.LatencyMs.P99 <= LatencyLimitMs;

    private static double? PerRacer(IReadOnlyList<RunReport> runs, string server, int racers) =>
        runs.FirstOrDefault(run => run.Server == server && run.Racers == racers)?.ServerProcess?.RssPerRacerKb;

    private static string Name(string server) => server switch { TypingRace => "TypingRace", "cohort" => "TypingRace, cohort round", _ => server };

    private static string Racers(RunReport run) => run.Connected == run.Racers ? $"{run.Racers}" : $"{run.Racers} ({run.Connected} connected)";

    private static string Errors(RunReport run) => run.Errors == 0 ? "" : Invariant($" ({run.Errors} errors)");

    private static string Percent(double? cpu) => cpu is { } value ? Invariant($"{value:0}%") : "";

    /// <summary>Blank for runs from before these figures were kept.</summary>
    private static string Micros(double? value) => value is > 0 ? Invariant($"{value:0}") : "";

    private static string Show(int? capacity) => capacity is { } racers ? $"{racers} racers" : "none of the steps";

    private static string CapacityRatio(int? ours, int? theirs) =>
        ours is { } a && theirs is > 0 and var b ? Invariant($" → {(double)a / b:0.00}× bare") : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
