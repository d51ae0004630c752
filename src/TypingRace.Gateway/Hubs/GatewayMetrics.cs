using System.Diagnostics.Metrics;
using TypingRace.Gateway.Draining;

namespace TypingRace.Gateway.Hubs;

/// <summary>What a gateway counts for operators: its connections, and the keys it took or refused and why.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "TypingRace.Gateway";
    public const string Accepted = "accepted";

    private readonly Counter<long> _keys;
    private readonly Histogram<double> _relayLatency;

    public GatewayMetrics(IMeterFactory meters, GatewayDrain drain)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("typingrace.gateway.connections", () => drain.Connections, "{connection}", "Hub connections open on this gateway");
        _keys = meter.CreateCounter<long>("typingrace.gateway.keys", "{key}", "Keys received, by outcome: accepted, or the code they were refused with");
        _relayLatency = meter.CreateHistogram(
            "typingrace.gateway.relay_latency",
            "ms",
            "From a key batch arriving at a gateway to the progress frame that shows it leaving this gateway",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250, 500, 1000, 2500] });
    }

    public void Keys(int count, string outcome) => _keys.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A frame showing keys that arrived at <paramref name="keysArrivedAt"/> (UTC ticks) has just left for its room.</summary>
    public void Relayed(long keysArrivedAt, DateTimeOffset now) =>
        _relayLatency.Record(Math.Max(0, TimeSpan.FromTicks(now.UtcTicks - keysArrivedAt).TotalMilliseconds));
}
