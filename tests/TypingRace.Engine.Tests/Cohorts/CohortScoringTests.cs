using TypingRace.Engine.Cohorts;

namespace TypingRace.Engine.Tests.Cohorts;

public class CohortScoringTests
{
    private static string[] Players(int count) => [.. Enumerable.Range(1, count).Select(i => $"p{i}")];

    [Theory]
    [InlineData(7, 5, new[] { 4, 3 })]
    [InlineData(5, 5, new[] { 5 })]
    [InlineData(6, 5, new[] { 3, 3 })]
    [InlineData(11, 5, new[] { 4, 4, 3 })]
    [InlineData(200, 5, new[] { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 })]
    [InlineData(3, 2, new[] { 2, 1 })]
    [InlineData(1, 5, new[] { 1 })]
    public void Heats_are_as_few_and_as_even_as_the_heat_size_allows_and_keep_the_order(int players, int heatSize, int[] sizes)
    {
        var heats = CohortScoring.Heats(Players(players), heatSize);

        Assert.Equal(sizes, heats.Select(heat => heat.Count));
        Assert.Equal(Players(players), heats.SelectMany(heat => heat));
    }

    [Fact]
    public void No_racers_make_no_heats_and_a_heat_size_below_one_is_refused()
    {
        Assert.Empty(CohortScoring.Heats([], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortScoring.Heats(Players(3), 0));
    }

    [Fact]
    public void A_round_places_finishers_across_heats_by_speed_then_the_rest_by_progress_and_gives_started_minus_place_plus_one()
    {
        HeatLine[] lines =
        [
            new("ann", 0, true, 100, 60.0, 0.95, 20_000),
            new("bob", 0, true, 100, 72.5, 0.90, 16_500),
            new("cat", 1, false, 80, 90.0, 0.99, 0),
            new("dan", 1, true, 100, 60.0, 0.97, 20_000),
            new("eve", 1, false, 95, 40.0, 0.80, 0),
        ];

        var scored = CohortScoring.ScoreRound(lines);

        Assert.Equal(["bob", "dan", "ann", "eve", "cat"], scored.Select(line => line.PlayerId));
        Assert.Equal([1, 2, 3, 4, 5], scored.Select(line => line.Place));
        Assert.Equal([5, 4, 3, 2, 1], scored.Select(line => line.Points));
        Assert.Equal([0, 1, 0, 1, 1], scored.Select(line => line.Heat));
    }

    [Fact]
    public void Standings_add_points_over_rounds_and_break_ties_on_total_wpm_then_mean_accuracy()
    {
        var first = CohortScoring.ScoreRound([new("ann", 0, true, 10, 50, 0.9, 1), new("bob", 0, true, 10, 40, 0.9, 1), new("cat", 1, true, 10, 30, 1.0, 1)]);
        var second = CohortScoring.ScoreRound([new("cat", 0, true, 10, 80, 1.0, 1), new("bob", 0, true, 10, 70, 0.9, 1), new("ann", 1, true, 10, 20, 0.9, 1)]);

        var standings = CohortScoring.Standings([first, second]);

        // ann 3+1, bob 2+2, cat 1+3: all 4 points; cat has 110 WPM in all, bob 110 too but less accuracy, ann 70.
        Assert.Equal(["cat", "bob", "ann"], standings.Select(s => s.PlayerId));
        Assert.All(standings, s => Assert.Equal(4, s.Points));
        Assert.Equal([110.0, 110.0, 70.0], standings.Select(s => s.TotalWpm));
        Assert.Equal([1, 2, 3], standings.Select(s => s.Place));
        Assert.All(standings, s => Assert.Equal(2, s.Rounds));
    }
}
