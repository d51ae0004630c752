using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Bots;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

public class GhostRunsTests
{
    private static readonly RaceClock Clock = RaceClock.Unpaused(Race.Start, TimeSpan.FromMinutes(5));

    private static long Ms(long ms) => Race.At((int)ms).ToUnixTimeMilliseconds();

    [Fact]
    public void A_ghost_schedule_played_as_it_says_gives_the_runs_figures_exactly()
    {
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var passage = PassageBuilder.Build(ShippedGuides.Go, seed, PassageLength.Medium);
            var run = BotLogs.Live(passage, Clock, new BotStyle(40 + seed * 8, 0.05), seed, lagMs: 20 + seed % 7, hintEvery: 41);

            // Stored, then played by a room whose ticks come exactly on time: the same position, WPM, time and accuracy.
            var schedule = GhostRuns.Decode(GhostRuns.Encode(GhostRuns.Schedule(passage, TypingRules.Default, Clock, run.Keys)));
            Assert.Equal(run.Keys.Count(k => !k.IsHint), schedule.Count);
            var ghost = new RacerLog(passage, TypingRules.Default, Clock);
            foreach (var key in schedule)
            {
                ghost.Add(new LoggedKey(1, key.Text, key.AtMs, Ms(key.AtMs)));
            }

            Assert.Equal(
                (run.Session.Position, run.Session.Wpm, run.Session.FinishedAt, run.Session.Accuracy),
                (ghost.Session.Position, ghost.Session.Wpm, ghost.Session.FinishedAt, ghost.Session.Accuracy));
            Assert.Equal(0, ghost.Session.Hints);
        }
    }

    [Fact]
    public void A_ghost_keys_times_are_race_times_with_the_outage_off_and_keys_after_the_finish_left_out()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", "Go is fun to type."), 0, PassageLength.Short);
        var clock = Clock.PausedFrom(Race.At(1_000), Race.At(4_000));
        var keys = TypingScript(passage).Select((text, i) => new LoggedKey(i + 1, text, 0, Ms(i < 5 ? 200 + i * 100 : 4_000 + i * 100))).ToList();
        keys.Add(new LoggedKey(99, "x", 0, Ms(9_000)));

        var schedule = GhostRuns.Schedule(passage, TypingRules.Default, clock, keys);
        Assert.Equal(passage.CharacterCount, schedule.Count);
        Assert.Equal([200L, 300, 400, 500, 600], schedule.Take(5).Select(k => k.AtMs));
        // The three seconds the room was away are not in the ghost's times.
        Assert.Equal(1_000 + 5 * 100, schedule[5].AtMs);
    }

    [Fact]
    public void The_class_median_is_the_middle_run_by_speed_and_the_slower_middle_one_for_an_even_count()
    {
        var runs = new[] { ("a", 80.0), ("b", 40.0), ("c", 120.0), ("d", 60.0) }.Select(r => new Run(r.Item1, r.Item2)).ToList();
        Assert.Equal("d", GhostRuns.MedianRun(runs, r => r.Wpm)!.Id);
        Assert.Equal("a", GhostRuns.MedianRun(runs.Take(3), r => r.Wpm)!.Id);
        Assert.Null(GhostRuns.MedianRun(Array.Empty<Run>(), r => r.Wpm));
    }

    [Fact]
    public void Ghosts_are_ordered_with_everyone_but_never_take_a_place()
    {
        var at = Race.At(5_000);
        var places = RaceStandings.Places(
        [
            new RacerStanding("ada", at.AddSeconds(2), 1, 1),
            new RacerStanding("ghost", at, 1, 1, IsGhost: true),
            new RacerStanding("bo", null, 0.5, 1),
        ]);
        Assert.Equal([("ghost", 0), ("ada", 1), ("bo", 2)], places);
    }

    private static IEnumerable<string> TypingScript(Passage passage) =>
        passage.Text.EnumerateRunes().Select(rune => rune.ToString() == "\n" ? Keystroke.Enter : rune.ToString());

    private sealed record Run(string Id, double Wpm);
}
