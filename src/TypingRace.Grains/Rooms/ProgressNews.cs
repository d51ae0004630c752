using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Whether the racers moved since the room's last progress frame, and when the oldest of the keys that moved them
/// reached a gateway: the next frame carries that time so gateways can measure the relay latency.
/// </summary>
internal sealed class ProgressNews
{
    private long _keysArrivedAt;

    public bool Any { get; private set; }

    public void Moved() => Any = true;

    public void KeysArrived(long arrivedAt)
    {
        Any = true;
        _keysArrivedAt = RelayTiming.Oldest(_keysArrivedAt, arrivedAt);
    }

    /// <summary>The arrival time for the frame about to be published, which then carries all news so far.</summary>
    public long Take()
    {
        var arrivedAt = _keysArrivedAt;
        _keysArrivedAt = 0;
        Any = false;
        return arrivedAt;
    }
}
