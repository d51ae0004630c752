using System.Diagnostics;
using Spectre.Console;
using TypingRace.LoadTest.Measuring;

namespace TypingRace.LoadTest.Reporting;

/// <summary>
/// One line a second while the run goes on. Plain lines rather than a redrawn panel, so the output of a
/// scripted run (bench/relay/run.sh) reads the same in its log.
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, Measurements measurements, int racers)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>What the run is doing now: setting up, warming up, measuring, draining.</summary>
    public string Phase
    {
        get => Volatile.Read(ref field);
        set => Volatile.Write(ref field, value);
    } = "starting";

    public async Task Show(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var started = Stopwatch.GetTimestamp();
        var previous = (At: started, Typed: measurements.KeysTyped, Self: ProcessSample.Read(Environment.ProcessId));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = (At: Stopwatch.GetTimestamp(), Typed: measurements.KeysTyped, Self: ProcessSample.Read(Environment.ProcessId));
                var seconds = Stopwatch.GetElapsedTime(previous.At, current.At).TotalSeconds;
                var latencies = measurements.TakeRecentLatencies();
                var p99 = latencies.TotalCount > 0 ? $"{latencies.GetValueAtPercentile(99) / 1000.0:0.0} ms" : "-";
                var cpu = previous.Self is { } before && current.Self is { } after ? $"{ProcessSample.CpuPercent(before, after):0}%" : "-";
                var keysPerSecond = (current.Typed - previous.Typed) / seconds;
                console.MarkupLineInterpolated(
                    $"[grey]{Stopwatch.GetElapsedTime(started).TotalSeconds,4:0}s[/] {Phase,-11} {measurements.Connected,5}/{racers} racers {keysPerSecond,6:0} keys/s  p99 {p99,-9} {measurements.ErrorCount} errors  CPU {cpu}");
                previous = current;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
