using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>The rooms active on this silo and the phase each is in, for the rooms-by-phase gauge.</summary>
public sealed class RoomCensus
{
    private readonly ConcurrentDictionary<string, RoomPhase> _rooms = new();

    public RoomCensus(IMeterFactory meters)
    {
        meters.Create(GatewayOutbox.MeterName).CreateObservableGauge(
            "typingrace.rooms.active",
            Measure,
            "{room}",
            "Rooms active on this silo, by phase: lobby, countdown, racing (races running) or results");
    }

    public void Seen(string code, RoomPhase phase) => _rooms[code] = phase;

    public void Gone(string code) => _rooms.TryRemove(code, out _);

    private IEnumerable<Measurement<int>> Measure() =>
        Enum.GetValues<RoomPhase>().Select(phase => new Measurement<int>(
            _rooms.Values.Count(p => p == phase), new KeyValuePair<string, object?>("phase", phase.ToString().ToLowerInvariant())));
}
