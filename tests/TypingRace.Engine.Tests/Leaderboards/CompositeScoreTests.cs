using TypingRace.Engine.Leaderboards;

namespace TypingRace.Engine.Tests.Leaderboards;

public class CompositeScoreTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 6, 7, 8, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(LeaderboardRanking.Speed)]
    [InlineData(LeaderboardRanking.Accuracy)]
    public void The_largest_score_is_just_below_2_to_the_53_and_still_exact(LeaderboardRanking ranking)
    {
        var max = CompositeScore.Encode(ranking, 327.67, 1.0, CompositeScore.Epoch);

        Assert.True(max < 9_007_199_254_740_992.0);
        Assert.Equal(max, (double)(long)max);
        Assert.NotEqual(max, max - 1);
        Assert.Equal(new ScoreParts(327.67, 1.0, CompositeScore.Epoch), CompositeScore.Decode(ranking, max));
    }

    [Theory]
    [InlineData(LeaderboardRanking.Speed)]
    [InlineData(LeaderboardRanking.Accuracy)]
    public void Wpm_above_the_cap_counts_as_the_cap_and_times_outside_the_range_clamp(LeaderboardRanking ranking)
    {
        Assert.Equal(CompositeScore.Encode(ranking, 327.67, 1, At), CompositeScore.Encode(ranking, 1000, 1, At));
        Assert.Equal(
            CompositeScore.Encode(ranking, 50, 0.5, CompositeScore.Epoch),
            CompositeScore.Encode(ranking, 50, 0.5, CompositeScore.Epoch.AddYears(-3)));
        Assert.Equal(
            CompositeScore.Encode(ranking, 50, 0.5, CompositeScore.Epoch.AddMinutes(CompositeScore.MaxMinutes)),
            CompositeScore.Encode(ranking, 50, 0.5, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Zero_wpm_zero_accuracy_at_the_last_minute_scores_zero()
    {
        var last = CompositeScore.Epoch.AddMinutes(CompositeScore.MaxMinutes);

        Assert.Equal(0, CompositeScore.Encode(LeaderboardRanking.Speed, 0, 0, last));
        Assert.Equal(new ScoreParts(0, 0, last), CompositeScore.Decode(LeaderboardRanking.Accuracy, 0));
    }

    [Theory]
    [InlineData(LeaderboardRanking.Speed, 87.65, 0.9731)]
    [InlineData(LeaderboardRanking.Accuracy, 87.65, 0.9731)]
    [InlineData(LeaderboardRanking.Speed, 0.01, 0.0001)]
    [InlineData(LeaderboardRanking.Accuracy, 300, 1)]
    public void Decode_gives_back_hundredths_of_wpm_basis_points_of_accuracy_and_the_minute(LeaderboardRanking ranking, double wpm, double accuracy)
    {
        var parts = CompositeScore.Decode(ranking, CompositeScore.Encode(ranking, wpm, accuracy, At.AddSeconds(59)));

        Assert.Equal(new ScoreParts(wpm, accuracy, At), parts);
    }

    [Fact]
    public void Speed_orders_by_wpm_then_accuracy_then_earlier()
    {
        double Speed(double wpm, double accuracy, int minute) => CompositeScore.Encode(LeaderboardRanking.Speed, wpm, accuracy, At.AddMinutes(minute));

        Assert.True(Speed(80.01, 0, 100) > Speed(80, 1, 0));
        Assert.True(Speed(80, 0.9701, 100) > Speed(80, 0.97, 0));
        Assert.True(Speed(80, 0.97, 0) > Speed(80, 0.97, 1));
    }

    [Fact]
    public void Accuracy_orders_by_accuracy_then_wpm_then_earlier()
    {
        double Accuracy(double wpm, double accuracy, int minute) => CompositeScore.Encode(LeaderboardRanking.Accuracy, wpm, accuracy, At.AddMinutes(minute));

        Assert.True(Accuracy(30, 0.9901, 100) > Accuracy(327, 0.99, 0));
        Assert.True(Accuracy(60.01, 0.99, 100) > Accuracy(60, 0.99, 0));
        Assert.True(Accuracy(60, 0.99, 0) > Accuracy(60, 0.99, 1));
    }

    [Theory]
    [InlineData(-1, 0.5)]
    [InlineData(double.NaN, 0.5)]
    [InlineData(50, 1.01)]
    [InlineData(50, -0.1)]
    public void Impossible_figures_are_refused(double wpm, double accuracy) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositeScore.Encode(LeaderboardRanking.Speed, wpm, accuracy, At));

    [Theory]
    [InlineData(-1)]
    [InlineData(0.5)]
    [InlineData(9_007_199_254_740_992.0)]
    public void Decoding_what_is_not_a_score_is_refused(double score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositeScore.Decode(LeaderboardRanking.Speed, score));
}
