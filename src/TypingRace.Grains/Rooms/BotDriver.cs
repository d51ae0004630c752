using TypingRace.Abstractions;
using TypingRace.Engine.Bots;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Plays one bot's part in one race: hands the room, at each tick, the keys its typist has pressed by then as one
/// batch, shaped and numbered exactly like a client's, so the room judges them like anyone else's.
/// </summary>
internal sealed class BotDriver(BotTypist typist, DateTimeOffset raceStart)
{
    private long _seq;
    private BotKey? _next;
    private long _nextElapsedMs;

    /// <summary>The keys due by <paramref name="now"/>, at most <paramref name="maxKeys"/>; null when none are.</summary>
    public KeyBatch? Due(DateTimeOffset now, int maxKeys)
    {
        var elapsedMs = (long)(now - raceStart).TotalMilliseconds;
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
        if (_next is null && !typist.Done)
        {
            _next = typist.Next();
            _nextElapsedMs += (long)_next.Value.Delay.TotalMilliseconds;
        }

        return _next;
    }
}
