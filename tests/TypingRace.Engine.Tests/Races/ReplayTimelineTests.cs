using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

/// <summary>A replay's steps: the cursor after every input that moved it, wrong keys and backspaces included.</summary>
public class ReplayTimelineTests
{
    private static readonly RaceClock Clock = RaceClock.Unpaused(Race.Start, TimeSpan.FromMinutes(5));
    private static readonly long StartMs = Race.Start.ToUnixTimeMilliseconds();

    [Fact]
    public void Every_key_that_moves_the_cursor_or_the_error_run_is_a_step_at_its_race_time()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", "go run"), 0, PassageLength.Short);
        LoggedKey Key(int seq, string text, int ms) => new(seq, text, ms, StartMs + ms);
        LoggedKey[] log =
        [
            Key(1, "g", 200), Key(1, "o", 350),
            Key(2, "x", 600), Key(2, "y", 700), LoggedKey.Hint(2, StartMs + 750),
            Key(3, "\b", 900), Key(3, "\b", 1000), Key(3, "\b", 1050),
            Key(4, " run", 1400),
        ];

        var steps = ReplayTimeline.Of(passage, TypingRules.Default, Clock, log);

        // The hint and the third backspace (nothing left to erase) change nothing, so they are no step.
        Assert.Equal(
            [new(0, 0, 0), new(200, 1, 0), new(350, 2, 0), new(600, 2, 1), new(700, 2, 2), new(900, 2, 1), new(1000, 2, 0), new ReplayStep(1400, 6, 0)],
            steps);
        Assert.Equal(passage.CharacterCount, steps[^1].Position);
    }

    [Fact]
    public void A_race_time_pause_shifts_the_steps_after_it_as_it_shifts_the_result()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", "ab"), 0, PassageLength.Short);
        var paused = Clock.PausedFrom(Race.Start.AddMilliseconds(500), Race.Start.AddMilliseconds(3500));
        LoggedKey[] log = [new(1, "a", 300, StartMs + 300), new(2, "b", 4000, StartMs + 4000)];

        var steps = ReplayTimeline.Of(passage, TypingRules.Default, paused, log);
        var session = RacerLog.Replay(passage, TypingRules.Default, paused, log).Session;

        // Three seconds of outage are off the clock: the last step lands where the result's time does.
        Assert.Equal([0, 300, 1000], steps.Select(s => s.AtMs));
        Assert.Equal((long)(session.FinishedAt!.Value - Race.Start).TotalMilliseconds, steps[^1].AtMs);
    }
}
