using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace TypingRace.LoadTest.Measuring;

/// <summary>
/// What every racer reports, from many threads at once. The figures of the result count only the measured
/// window: a key counts when it was typed in it, an ack or an update when it arrived in it.
/// </summary>
public sealed class Measurements
{
    /// <summary>Latencies are kept in microseconds, up to five minutes; anything later is recorded as five minutes.</summary>
    private static readonly long HighestMicroseconds = (long)TimeSpan.FromMinutes(5).TotalMicroseconds;

    private readonly HistogramBase measured = Latencies().Create();
    private readonly Recorder recent = Latencies().WithThreadSafeReads().Create();
    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);

    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private long connected;
    private long typed;
    private long typedMeasured;
    private long acceptedMeasured;
    private long updatesMeasured;
    private long batchesMeasured;
    private long viewsMeasured;
    private long expectedDeliveries;
    private long deliveries;
    private long unexpectedStates;

    public int Connected => (int)Interlocked.Read(ref connected);

    public long ErrorCount => errors.Values.Sum();

    public IReadOnlyDictionary<string, long> Errors => errors;

    /// <summary>Observed deliveries of keys typed in the window still missing; zero once every opponent saw every key.</summary>
    public long Undelivered => Interlocked.Read(ref expectedDeliveries) - Interlocked.Read(ref deliveries);

    public long UnexpectedStates => Interlocked.Read(ref unexpectedStates);

    /// <summary>Keys typed over the whole run, for the live rate.</summary>
    public long KeysTyped => Interlocked.Read(ref typed);

    public void OpenWindow(long start, long end)
    {
        Interlocked.Exchange(ref windowStart, start);
        Interlocked.Exchange(ref windowEnd, end);
    }

    public void ConnectionOpened() => Interlocked.Increment(ref connected);

    public void ConnectionClosed() => Interlocked.Decrement(ref connected);

    /// <summary>A key was typed; true when it counts in the measured window.</summary>
    public bool KeyTyped(long at)
    {
        Interlocked.Increment(ref typed);
        var measuredKey = InWindow(at);
        if (measuredKey)
        {
            Interlocked.Increment(ref typedMeasured);
        }

        return measuredKey;
    }

    /// <summary>A key of the measured window that this many opponents will see.</summary>
    public void DeliveriesExpected(int watchers) => Interlocked.Add(ref expectedDeliveries, watchers);

    public void KeysAccepted(int keys, long at)
    {
        if (InWindow(at))
        {
            Interlocked.Add(ref acceptedMeasured, keys);
        }
    }

    /// <summary>A key batch went out (TypeKeys: no answer; a frame acknowledges it).</summary>
    public void BatchSent()
    {
        if (InWindow(Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref batchesMeasured);
        }
    }

    /// <summary>A room view arrived: one more message the generator read.</summary>
    public void ViewReceived()
    {
        if (InWindow(Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref viewsMeasured);
        }
    }

    public void UpdateReceived(long at)
    {
        if (InWindow(at))
        {
            Interlocked.Increment(ref updatesMeasured);
        }
    }

    /// <summary>An opponent saw a key: the relay latency of that key for that opponent.</summary>
    /// <param name="measuredKey">What <see cref="KeyTyped"/> said: the window is decided once per key, or a key typed
    /// while the window opens could count on one side and not on the other.</param>
    public void KeySeen(long typedAt, long seenAt, bool measuredKey)
    {
        var microseconds = Math.Clamp((long)Stopwatch.GetElapsedTime(typedAt, seenAt).TotalMicroseconds, 1, HighestMicroseconds);
        recent.RecordValue(microseconds);
        if (measuredKey)
        {
            measured.RecordValue(microseconds);
            Interlocked.Increment(ref deliveries);
        }
    }

    /// <summary>An update showed a racer in a state none of its keys leads to: the prediction and the server disagree.</summary>
    public void UnexpectedState() => Interlocked.Increment(ref unexpectedStates);

    public void Error(string kind) => errors.AddOrUpdate(kind, 1, (_, count) => count + 1);

    /// <summary>The latencies since the previous call, for the live line.</summary>
    public HistogramBase TakeRecentLatencies() => recent.GetIntervalHistogram();

    /// <summary>The counts of the measured window so far; the histogram is a copy.</summary>
    public MeasuredFigures Figures() => new(
        measured.Copy(),
        Interlocked.Read(ref typedMeasured),
        Interlocked.Read(ref acceptedMeasured),
        Interlocked.Read(ref updatesMeasured),
        Interlocked.Read(ref batchesMeasured),
        Interlocked.Read(ref viewsMeasured));

    private static HistogramFactory Latencies() =>
        HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(HighestMicroseconds).WithPrecisionOf(3).WithThreadSafeWrites();

    private bool InWindow(long at) => at >= Interlocked.Read(ref windowStart) && at < Interlocked.Read(ref windowEnd);
}

/// <param name="Latencies">Relay latency in microseconds, one value per key per opponent.</param>
/// <param name="Batches">Key batches sent, each one message with no answer (TypeKeys).</param>
public sealed record MeasuredFigures(HistogramBase Latencies, long KeysTyped, long KeysAccepted, long Updates, long Batches, long Views)
{
    /// <summary>Hub messages the generator sent or received (pings aside: four a minute per racer).</summary>
    public long Messages => Batches + Updates + Views;
}
