using TypingRace.Abstractions;
using TypingRace.Engine.Races;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Plays a bot's or a ghost's part in one race: hands the room, at each tick, the keys its schedule has pressed by
/// then as one batch, shaped and numbered exactly like a client's, so the room judges them like anyone else's. A bot's
/// schedule is seeded and a ghost's is stored, so a racer made again after a failover types on from where its stored
/// log ends.
/// </summary>
internal sealed class PseudoRacer
{
    private readonly IEnumerator<ScheduledKey> _schedule;
    private readonly RaceClock _clock;
    private long _seq;
    private ScheduledKey? _next;
    private bool _exhausted;

    /// <param name="typed">The racer's keys already in its log, which the schedule skips.</param>
    public PseudoRacer(IEnumerable<ScheduledKey> schedule, RaceClock clock, IReadOnlyList<LoggedKey> typed)
    {
        _schedule = schedule.GetEnumerator();
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

    /// <summary>Every key of the schedule has been handed over: a ghost whose run never finished stops here.</summary>
    public bool Exhausted => Peek() is null;

    /// <summary>The keys due by <paramref name="now"/>, at most <paramref name="maxKeys"/>; null when none are.</summary>
    public KeyBatch? Due(DateTimeOffset now, int maxKeys)
    {
        var elapsedMs = (long)_clock.Elapsed(now).TotalMilliseconds;
        var keys = new List<KeyPress>();
        while (keys.Count < maxKeys && Peek() is { } key && key.AtMs <= elapsedMs)
        {
            keys.Add(new KeyPress(key.Text, key.AtMs));
            _next = null;
        }

        return keys.Count == 0 ? null : new KeyBatch(++_seq, [.. keys]);
    }

    private ScheduledKey? Peek()
    {
        if (_next is null && !_exhausted)
        {
            if (_schedule.MoveNext())
            {
                _next = _schedule.Current;
            }
            else
            {
                _exhausted = true;
            }
        }

        return _next;
    }
}
