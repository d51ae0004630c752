using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using Xunit.Abstractions;

namespace TypingRace.Engine.Tests.Typing;

/// <summary>
/// The fair-play checks judged on the two corpora (docs/fair-play.md, "Timing checks"): people must almost never be
/// flagged, every scripted cheat must be. The rates printed here are the ones the doc reports.
/// </summary>
public class FairPlayCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void People_at_30_to_200_WPM_on_a_real_connection_are_flagged_at_most_once_in_a_hundred_races()
    {
        var runs = FairPlayCorpus.People().Select(run => (Run: run, Flags: Fold(run).Flags)).ToList();
        var flagged = runs.Where(r => FairPlayRules.Unranks(r.Flags)).ToList();
        var noted = runs.Count(r => r.Flags.HasFlag(FairPlayFlags.ClockMismatch));
        output.WriteLine($"people: {runs.Count} races, {flagged.Count} flagged ({100.0 * flagged.Count / runs.Count:0.0} %), {noted} noted for their clock");
        foreach (var (run, flags) in flagged)
        {
            output.WriteLine($"  flagged: {run.Name}: {flags}");
        }

        Assert.True(runs.Count >= 250, $"{runs.Count} races");
        Assert.True(flagged.Count * 100 <= runs.Count, $"{flagged.Count} of {runs.Count} people flagged");
        Assert.Equal(0, noted);
    }

    [Fact]
    public void Every_scripted_cheat_is_flagged_for_what_it_did()
    {
        var expected = new Dictionary<string, FairPlayFlags>
        {
            ["paste"] = FairPlayFlags.Pasted,
            ["constant interval, 60 WPM"] = FairPlayFlags.MachineRegular,
            ["constant interval, 100 WPM"] = FairPlayFlags.MachineRegular,
            ["constant interval, 150 WPM"] = FairPlayFlags.MachineRegular,
            ["constant interval, 250 WPM"] = FairPlayFlags.MachineRegular,
            ["script at 400 WPM"] = FairPlayFlags.TooFast,
            ["jittered script, 250 WPM"] = FairPlayFlags.MachineRegular,
            ["forged timestamps, 600 WPM bursts reported as 100 WPM"] = FairPlayFlags.Burst | FairPlayFlags.ClockMismatch,
        };
        var cheats = FairPlayCorpus.Cheats().ToList();
        Assert.Equal(expected.Keys, cheats.Select(c => c.Name));
        foreach (var cheat in cheats)
        {
            var flags = Fold(cheat).Flags;
            output.WriteLine($"{cheat.Name}: {flags}");
            Assert.True(FairPlayRules.Unranks(flags), $"{cheat.Name} is not flagged");
            Assert.True(flags.HasFlag(expected[cheat.Name]), $"{cheat.Name}: {flags}, expected {expected[cheat.Name]}");
        }
    }

    [Fact]
    public void Timing_is_judged_on_the_servers_clock_a_client_reporting_t_zero_is_only_noted_and_a_script_jittering_t_is_flagged()
    {
        var passage = FairPlayCorpus.Passages[0];
        var person = FairPlayCorpus.People().First(run => run.Passage == passage && run.Name == "100 WPM, seed 1");
        var zeroes = person with { Keys = [.. person.Keys.Select(key => key with { ClientMs = 0 })] };
        Assert.Equal(FairPlayFlags.None, Fold(person).Flags);
        Assert.Equal(FairPlayFlags.ClockMismatch, Fold(zeroes).Flags);
        Assert.False(FairPlayRules.Unranks(Fold(zeroes).Flags));

        // The same keys, the same arrivals: the client's times alone change no figure.
        Assert.Equal(Fold(person).Wpm, Fold(zeroes).Wpm);
        Assert.True(Fold(FairPlayCorpus.Cheats().Single(c => c.Name == "jittered script, 250 WPM")).Flags.HasFlag(FairPlayFlags.MachineRegular));
    }

    [Fact]
    public void A_persons_log_played_again_is_caught_against_the_passages_earlier_runs_and_no_person_matches_another()
    {
        var people = FairPlayCorpus.People().Select(run => (Run: run, Shape: ShapeOf(run.Passage, run.Keys))).ToList();

        // Every person against every other on the same passage: none is the other played again.
        var matched = people.Where(a => people.Any(b => b.Run != a.Run && b.Run.Passage == a.Run.Passage && a.Shape.Replays(b.Shape, TypingRules.Default))).ToList();
        output.WriteLine($"people: {people.Count} races, {matched.Count} taken for another's replay");
        Assert.True(matched.Count * 100 <= people.Count, $"{matched.Count} people taken for a replay");

        // Each log played again by a script, 0.8 to 1.2 times as fast, over a new connection: caught, every one.
        var random = new Random(5);
        var caught = people.Count(person =>
        {
            var scale = 0.8 + 0.4 * random.NextDouble();
            var startMs = Race.Start.ToUnixTimeMilliseconds();
            var typed = person.Run.Keys.Select(key => (long)((key.ServerMs - startMs - 40) * scale)).Select((at, i) => new TypedAt(person.Run.Keys[i].Text, at, at)).ToList();
            var replay = ShapeOf(person.Run.Passage, FairPlayCorpus.Deliver(typed, new Random(random.Next()), reconnect: false));
            return people.Any(kept => kept.Run.Passage == person.Run.Passage && replay.Replays(kept.Shape, TypingRules.Default));
        });
        output.WriteLine($"replayed logs: {caught} of {people.Count} caught");
        Assert.Equal(people.Count, caught);
    }

    private static RunShape ShapeOf(Engine.Guides.Passage passage, IReadOnlyList<LoggedKey> keys) =>
        RunShape.Of(ReplayTimeline.Of(passage, TypingRules.Default, FairPlayCorpus.Clock, keys));

    private static TypingSession Fold(CorpusRun run) => RacerLog.Replay(run.Passage, TypingRules.Default, FairPlayCorpus.Clock, run.Keys).Session;
}
