using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

public class RunShapeTests
{
    private static readonly TypingRules Rules = TypingRules.Default;

    [Fact]
    public void A_shape_is_each_ten_code_points_share_of_the_time_after_the_first_ten_and_where_the_slips_began()
    {
        // The cursor passes 10 at 1 s, 20 at 2 s, 30 at 4 s; a slip at 12, taken back, and one at 25.
        ReplayStep[] steps = [new(0, 0, 0), new(1_000, 10, 0), new(1_100, 12, 0), new(1_200, 12, 1), new(1_300, 12, 0), new(2_000, 20, 0), new(3_000, 25, 2), new(4_000, 30, 0)];
        var shape = RunShape.Of(steps);
        Assert.Equal([1f / 3, 2f / 3], shape.Shares);
        Assert.Equal([12, 25], shape.Slips);
    }

    [Theory]
    [InlineData(new[] { 3, 9 }, true)] // two of the three slip places in common: two thirds
    [InlineData(new[] { 3, 9, 11, 14 }, false)] // two of five: under the 60 %
    public void Runs_alike_in_shape_are_one_played_again_only_if_they_also_slip_in_the_same_places(int[] otherSlips, bool replays)
    {
        var shares = Shares(10, i => 1 + i % 3);
        Assert.Equal(replays, new RunShape(shares, [3, 9, 20]).Replays(new RunShape(shares, otherSlips), Rules));
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(14, false)] // too short a run for its shape alone to say it
    public void With_no_slips_a_shape_alone_says_it_over_fifteen_segments(int segments, bool replays)
    {
        var shares = Shares(segments, i => 1 + i * 7 % 5);
        Assert.Equal(replays, new RunShape(shares, []).Replays(new RunShape(shares, []), Rules));
    }

    [Fact]
    public void Shapes_that_are_not_alike_are_not_one_run_whatever_their_slips()
    {
        var a = new RunShape(Shares(12, i => 1 + i % 4), [5]);
        var b = new RunShape(Shares(12, i => 4 - i % 4), [5]);
        Assert.True(RunShape.Likeness(a.Shares, b.Shares, 8) < Rules.ReplayLikeness);
        Assert.False(a.Replays(b, Rules));
    }

    private static float[] Shares(int count, Func<int, int> weight)
    {
        var total = Enumerable.Range(0, count).Sum(weight);
        return [.. Enumerable.Range(0, count).Select(i => (float)weight(i) / total)];
    }
}
