using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class RaceStandingsTests
{
    [Fact]
    public void Finishers_in_the_same_millisecond_are_placed_by_who_arrived_first_not_by_accuracy()
    {
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        var standings = RaceStandings.Order(
        [
            new RacerStanding("careful-second", at, 1.0, 1.0, FinishArrival: 1),
            new RacerStanding("sloppy-first", at, 1.0, 0.9, FinishArrival: 0),
        ]);

        Assert.Equal(["sloppy-first", "careful-second"], standings);
    }

    [Fact]
    public void Finishers_come_first_by_finish_time_then_the_rest_by_progress_then_accuracy()
    {
        var standings = RaceStandings.Order(
        [
            new RacerStanding("slow-careful", null, 0.5, 1.0),
            new RacerStanding("second", Race.At(40_000), 1.0, 0.9),
            new RacerStanding("far", null, 0.8, 0.7),
            new RacerStanding("first", Race.At(35_000), 1.0, 0.8),
            new RacerStanding("slow-sloppy", null, 0.5, 0.6),
        ]);

        Assert.Equal(["first", "second", "far", "slow-careful", "slow-sloppy"], standings);
    }

    [Fact]
    public void Full_ties_keep_the_order_they_came_in()
    {
        var standings = RaceStandings.Order(
        [
            new RacerStanding("b", Race.At(1000), 1.0, 1.0),
            new RacerStanding("a", Race.At(1000), 1.0, 1.0),
            new RacerStanding("d", null, 0.2, 0.5),
            new RacerStanding("c", null, 0.2, 0.5),
        ]);

        Assert.Equal(["b", "a", "d", "c"], standings);
    }
}
