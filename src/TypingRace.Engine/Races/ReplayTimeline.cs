using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Races;

/// <summary>Where a racer's cursor was from <see cref="AtMs"/> (race time since the start) until the next step.</summary>
/// <param name="ErrorRunLength">Wrong code points after the cursor still to be backspaced.</param>
public readonly record struct ReplayStep(int AtMs, int Position, int ErrorRunLength);

/// <summary>A racer's stored log as a replay draws it: the cursor after every input that moved it, on the race's clock.</summary>
public static class ReplayTimeline
{
    /// <summary>
    /// Folds the log as <see cref="RaceVerification"/> does and keeps a step each time the position or the error run
    /// changed (a wrong key, its backspace, a correct one), after a first step at the start. Hints and keys that
    /// changed nothing add no step.
    /// </summary>
    public static IReadOnlyList<ReplayStep> Of(Passage passage, TypingRules rules, RaceClock clock, IEnumerable<LoggedKey> log)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(log);
        var racer = new RacerLog(passage, rules, clock);
        // The first step is the start: past any auto-filled code points the passage opens with.
        var (position, errors) = (racer.Session.Position, 0);
        var steps = new List<ReplayStep> { new(0, position, errors) };
        foreach (var key in log)
        {
            racer.Add(key);
            var session = racer.Session;
            if (session.Position == position && session.ErrorRunLength == errors)
            {
                continue;
            }

            (position, errors) = (session.Position, session.ErrorRunLength);
            var at = (int)Math.Max(0, (racer.LastInputAt - clock.Start).TotalMilliseconds);
            steps.Add(new ReplayStep(at, position, errors));
        }

        return steps;
    }
}
