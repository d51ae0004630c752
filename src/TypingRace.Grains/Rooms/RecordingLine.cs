using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Sends a room's results to the player grains one at a time, best place first, so the ranks each racer is shown
/// already count everyone who finished ahead of them. The room never waits: each player grain reports back through
/// <see cref="IRoomGrain.ShowStanding"/>, and that sends the next result.
/// </summary>
internal sealed class RecordingLine(TimeSpan stallLimit)
{
    private readonly Queue<PendingResult> _waiting = new();
    private int _inFlight;
    private DateTimeOffset _sentAt;

    /// <summary>Queues a race's results in place order; returns what to send now.</summary>
    public IReadOnlyList<PendingResult> Add(IEnumerable<PendingResult> results, DateTimeOffset now)
    {
        foreach (var result in results.OrderBy(r => r.Record.Place))
        {
            _waiting.Enqueue(result);
        }

        return _inFlight == 0 ? Take(1, now) : [];
    }

    /// <summary>
    /// One result was recorded; returns what to send next. While the leaderboards are down every write waits out its
    /// timeout, so the rest go at once: their ranks would wait for the queue anyway.
    /// </summary>
    public IReadOnlyList<PendingResult> Recorded(bool leaderboardsDown, DateTimeOffset now)
    {
        _inFlight = Math.Max(0, _inFlight - 1);
        return leaderboardsDown ? Take(_waiting.Count, now) : _inFlight == 0 ? Take(1, now) : [];
    }

    /// <summary>A report lost with a failed silo must not hold up everyone behind it.</summary>
    public IReadOnlyList<PendingResult> Unstick(DateTimeOffset now)
    {
        if (_inFlight == 0 || now - _sentAt < stallLimit)
        {
            return [];
        }

        _inFlight = 0;
        return Take(1, now);
    }

    private List<PendingResult> Take(int count, DateTimeOffset now)
    {
        var sending = new List<PendingResult>();
        while (sending.Count < count && _waiting.TryDequeue(out var result))
        {
            sending.Add(result);
        }

        _inFlight += sending.Count;
        if (sending.Count > 0)
        {
            _sentAt = now;
        }

        return sending;
    }
}

internal sealed record PendingResult(string PlayerId, RaceRecord Record);
