using System.Diagnostics.Metrics;
using TypingRace.Gateway.Draining;

namespace TypingRace.Gateway.Hubs;

/// <summary>What a gateway counts for operators: its connections, and the keys it took or refused and why.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "TypingRace.Gateway";
    public const string Accepted = "accepted";

    private readonly Counter<long> _keys;

    public GatewayMetrics(IMeterFactory meters, GatewayDrain drain)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("typingrace.gateway.connections", () => drain.Connections, "{connection}", "Hub connections open on this gateway");
        _keys = meter.CreateCounter<long>("typingrace.gateway.keys", "{key}", "Keys received, by outcome: accepted, or the code they were refused with");
    }

    public void Keys(int count, string outcome) => _keys.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
}
