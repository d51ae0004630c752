using HdrHistogram;
using TypingRace.LoadTest.Measuring;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Reporting;

/// <summary>What a run measured, taken when its measured phase and the drain after it are over.</summary>
public sealed class RunFigures(
    Measurements measurements,
    int connected,
    ProcessSample? serverFrom,
    ProcessSample? serverTo,
    ProcessSample? generatorFrom,
    ProcessSample? generatorTo)
{
    private readonly MeasuredFigures measured = measurements.Figures();
    private readonly IReadOnlyDictionary<string, long> errors = measurements.Errors.ToDictionary();
    private readonly long undelivered = measurements.Undelivered;
    private readonly long unexpectedStates = measurements.UnexpectedStates;

    public RunReport ToReport(LoadTestOptions options, int rooms, DateTimeOffset startedAt, ProcessSample? serverIdle, long openFileLimit)
    {
        var seconds = options.Duration.TotalSeconds;
        return new RunReport(
            options.Server.ToString().ToLowerInvariant(),
            options.Protocol.ToString().ToLowerInvariant(),
            options.Url.ToString(),
            options.Racers,
            options.RoomSize,
            rooms,
            options.Wpm.ToString(),
            options.ErrorRate,
            options.Warmup.TotalSeconds,
            seconds,
            startedAt,
            connected,
            Latency(measured.Latencies),
            measured.KeysTyped / seconds,
            measured.KeysAccepted / seconds,
            measured.Updates / seconds,
            errors.Values.Sum(),
            errors,
            undelivered,
            unexpectedStates,
            Server(options, serverIdle),
            new GeneratorFigures(Cpu(generatorFrom, generatorTo), openFileLimit, measured.Messages / seconds, PerItem(generatorFrom, generatorTo, measured.Messages)),
            MachineFigures.Current(),
            options.Link.ToString().ToLowerInvariant());
    }

    private ServerFigures? Server(LoadTestOptions options, ProcessSample? idle) =>
        idle is { } before && serverFrom is { } from && serverTo is { } loaded
            ? new ServerFigures(
                options.ServerPids,
                ProcessSample.CpuPercent(from, loaded),
                before.RssMegabytes,
                loaded.RssMegabytes,
                connected > 0 ? (loaded.RssBytes - before.RssBytes) / 1024.0 / connected : 0,
                PerItem(from, loaded, measured.KeysAccepted))
            : null;

    /// <summary>Microseconds of CPU between the two samples per item counted in the measured phase they bracket.</summary>
    private static double PerItem(ProcessSample? from, ProcessSample? to, long items) =>
        from is { } a && to is { } b && items > 0 ? (b.Cpu - a.Cpu).TotalMicroseconds / items : 0;

    private static double Cpu(ProcessSample? from, ProcessSample? to) =>
        from is { } a && to is { } b ? ProcessSample.CpuPercent(a, b) : 0;

    private static LatencyFigures Latency(HistogramBase microseconds)
    {
        const double PerMillisecond = 1000;
        return microseconds.TotalCount == 0
            ? new LatencyFigures(0, 0, 0, 0, 0, 0)
            : new LatencyFigures(
                microseconds.TotalCount,
                microseconds.GetValueAtPercentile(50) / PerMillisecond,
                microseconds.GetValueAtPercentile(90) / PerMillisecond,
                microseconds.GetValueAtPercentile(99) / PerMillisecond,
                microseconds.GetMaxValue() / PerMillisecond,
                microseconds.GetMean() / PerMillisecond);
    }
}
