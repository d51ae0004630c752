using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Races;

/// <summary>
/// A ghost: a stored run played again by a room (docs/fair-play.md, "Ghosts"). Its keys are those of the run's key
/// log, each at the race time the run's room counted it, so a ghost types exactly as fast as the run it comes from.
/// </summary>
public static class GhostRuns
{
    /// <summary>
    /// The run's keys as a schedule: each key at the race time its room counted it (outages off the clock), up to the
    /// key that finished the passage. Hints are left out: a ghost is shown, never scored against anyone.
    /// </summary>
    public static IReadOnlyList<ScheduledKey> Schedule(Passage passage, TypingRules rules, RaceClock clock, IEnumerable<LoggedKey> log)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(log);
        var run = new RacerLog(passage, rules, clock);
        var keys = new List<ScheduledKey>();
        foreach (var key in log)
        {
            if (run.Session.Finished)
            {
                break;
            }

            run.Add(key);
            if (!key.IsHint)
            {
                keys.Add(new ScheduledKey(key.Text, (long)(run.LastInputAt - clock.Start).TotalMilliseconds));
            }
        }

        return keys;
    }

    /// <summary>A schedule in the key log's encoding (about 5 bytes a key), to keep with the room that plays it.</summary>
    public static byte[] Encode(IReadOnlyList<ScheduledKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return KeyLogCodec.Encode(0, [.. keys.Select(key => new LoggedKey(0, key.Text, key.AtMs, key.AtMs))]);
    }

    public static IReadOnlyList<ScheduledKey> Decode(ReadOnlySpan<byte> encoded) =>
        [.. KeyLogCodec.Decode(encoded).Select(key => new ScheduledKey(key.Text, key.ClientMs))];

    /// <summary>
    /// The run a class is raced against: the median by speed of the runs given (the slower of the middle two for an
    /// even count), so one very fast or very slow student does not move it. Null for none.
    /// </summary>
    public static T? MedianRun<T>(IEnumerable<T> runs, Func<T, double> wpm) where T : class
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ordered = runs.OrderBy(wpm).ToList();
        return ordered.Count == 0 ? null : ordered[(ordered.Count - 1) / 2];
    }
}
