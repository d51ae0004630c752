using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Races;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Plays one bot's part in one race: hands the room, at each tick, the keys its typist has pressed by then as one
/// batch, shaped and numbered exactly like a client's, so the room judges them like anyone else's. The typist is
/// seeded, so a driver made again after a failover types on from where the stored log ends.
/// </summary>
internal sealed class BotDriver
{
    private readonly BotTypist _typist;
    private readonly RaceClock _clock;
    private long _seq;
    private BotKey? _next;
    private long _nextElapsedMs;

    /// <param name="typed">The bot's keys already in its log, which the typist skips.</param>
    public BotDriver(BotTypist typist, RaceClock clock, IReadOnlyList<LoggedKey> typed)
    {
        _typist = typist;
        _clock = clock;
        foreach (var key in typed)
        {
            if (Peek() is null)
            {
                break;
            }

            _next = null;
            _seq = key.Seq;
        }
    }

    /// <summary>The keys due by <paramref name="now"/>, at most <paramref name="maxKeys"/>; null when none are.</summary>
    public KeyBatch? Due(DateTimeOffset now, int maxKeys)
    {
        var elapsedMs = (long)_clock.Elapsed(now).TotalMilliseconds;
        var keys = new List<KeyPress>();
        while (keys.Count < maxKeys && Peek() is { } key && _nextElapsedMs <= elapsedMs)
        {
            keys.Add(new KeyPress(key.Text, _nextElapsedMs));
            _next = null;
        }

        return keys.Count == 0 ? null : new KeyBatch(++_seq, [.. keys]);
    }

    private BotKey? Peek()
    {
        if (_next is null && !_typist.Done)
        {
            _next = _typist.Next();
            _nextElapsedMs += (long)_next.Value.Delay.TotalMilliseconds;
        }

        return _next;
    }
}
