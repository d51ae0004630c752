using TypingRace.Engine.Rooms;

namespace TypingRace.Engine.Tests.Rooms;

public class EveningTallyTests
{
    private static TalliedResult Person(string id, int place, double wpm, bool finished = true, params string[] flags) =>
        new(id, id.ToUpperInvariant(), id, place, finished, wpm, flags, IsPerson: true);

    [Fact]
    public void Three_races_give_each_person_their_races_wins_average_and_best_and_the_evening_its_best_run()
    {
        var tally = EveningTally.Empty
            .Add(1, [Person("ada", 1, 80), Person("bo", 2, 70)])
            .Add(2, [Person("bo", 1, 90), Person("ada", 2, 85)])
            .Add(3, [Person("ada", 1, 82), Person("bo", 2, 30, finished: false)]);

        Assert.Equal(3, tally.Races);
        Assert.Equal(["ada", "bo"], tally.Lines.Select(l => l.PlayerId));
        var (ada, bo) = (tally.Lines[0], tally.Lines[1]);
        Assert.Equal((3, 2, 3, 85.0), (ada.Races, ada.Wins, ada.Finished, ada.BestWpm));
        Assert.Equal(82.33, ada.AverageWpm!.Value, 2);
        // Bo's unfinished race counts as a race, not in his average.
        Assert.Equal((3, 1, 2, 80.0, 90.0), (bo.Races, bo.Wins, bo.Finished, bo.AverageWpm, bo.BestWpm));
        Assert.Equal(new TallyBest("bo", "BO", "bo", 90, 2), tally.Best);
    }

    [Fact]
    public void Bots_and_ghosts_are_left_out_and_a_flagged_run_is_a_race_but_never_a_win_a_best_or_in_the_average()
    {
        var tally = EveningTally.Empty
            .Add(1, [new TalliedResult("bot", "Bot 200", "", 1, true, 200, ["bot"], IsPerson: false), Person("ada", 2, 60)])
            .Add(2, [Person("cy", 1, 310, true, "tooFast"), Person("ada", 2, 65, true, "clockMismatch")]);

        Assert.DoesNotContain(tally.Lines, l => l.PlayerId == "bot");
        var cy = tally.Lines.Single(l => l.PlayerId == "cy");
        Assert.Equal((1, 0, 0.0, 0, (double?)null), (cy.Races, cy.Wins, cy.BestWpm, cy.Finished, cy.AverageWpm));
        // A note that never unranks keeps Ada's run the evening's best; nobody won race 1 but the bot.
        var ada = tally.Lines.Single(l => l.PlayerId == "ada");
        Assert.Equal((2, 0, 65.0), (ada.Races, ada.Wins, ada.BestWpm));
        Assert.Equal(("ada", 65.0, 2), (tally.Best!.PlayerId, tally.Best.Wpm, tally.Best.RaceNumber));
        Assert.Same(tally, tally.Add(3, [new TalliedResult("bot", "Bot 200", "", 1, true, 200, ["bot"], IsPerson: false)]));
    }
}
