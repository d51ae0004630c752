using Spectre.Console;

namespace TypingRace.LoadTest.Reporting;

/// <summary>The figures of a run at a glance; the JSON file has all of them.</summary>
public static class SummaryTable
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var table = new Table().Title(Markup.Escape($"{report.Server} · {report.Racers} racers in rooms of {report.RoomSize} · {report.Wpm} WPM · {report.Protocol} · {report.DurationSeconds:0} s measured"))
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        var latency = report.LatencyMs;
        Row(table, "racers connected", $"{report.Connected} / {report.Racers}");
        Row(table, "keys offered / s", $"{report.OfferedKeysPerSecond:N0}");
        Row(table, "keys accepted / s", $"{report.AcceptedKeysPerSecond:N0}");
        Row(table, "updates delivered / s", $"{report.UpdatesPerSecond:N0}");
        Row(table, "relay latency p50 / p90 / p99", $"{latency.P50:0.0} / {latency.P90:0.0} / {latency.P99:0.0} ms");
        Row(table, "relay latency max", $"{latency.Max:0.0} ms ({latency.Samples:N0} samples)");
        Row(table, "errors", report.Errors == 0 ? "0" : $"{report.Errors} ({string.Join(", ", report.ErrorsByKind.Select(kind => $"{kind.Key}: {kind.Value}"))})");
        Row(table, "updates still missing at the end", $"{report.Undelivered:N0}");
        Row(table, "updates in an unexpected state", $"{report.UnexpectedStates:N0}");
        if (report.ServerProcess is { } server)
        {
            Row(table, "server CPU", $"{server.CpuPercent:0}% of one core");
            Row(table, "server RSS idle → loaded", $"{server.IdleRssMb:0} → {server.LoadedRssMb:0} MB");
            Row(table, "server memory per racer", $"{server.RssPerRacerKb:0} KB");
        }

        Row(table, "generator CPU", $"{report.Generator.CpuPercent:0}% of one core ({report.Machine.Cores} cores)");
        console.Write(table);
    }

    private static void Row(Table table, string figure, string value) => table.AddRow(Markup.Escape(figure), Markup.Escape(value));
}
