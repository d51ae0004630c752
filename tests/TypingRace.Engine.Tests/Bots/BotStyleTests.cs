using TypingRace.Engine.Bots;

namespace TypingRace.Engine.Tests.Bots;

public class BotStyleTests
{
    [Theory]
    [InlineData(BotStyle.MinWpm, 0)]
    [InlineData(70, 0.05)]
    [InlineData(BotStyle.MaxWpm, BotStyle.MaxErrorRate)]
    public void A_speed_and_error_rate_within_bounds_make_a_style(double wpm, double errorRate)
    {
        Assert.True(BotStyle.TryCreate(wpm, errorRate, out var style, out var problem));

        Assert.Equal(new BotStyle(wpm, errorRate), style);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData(double.NaN, 0.05, "speed", "NaN")]
    [InlineData(double.PositiveInfinity, 0.05, "speed", "Infinity")]
    [InlineData(9.5, 0.05, "speed", "9.5")]
    [InlineData(250.5, 0.05, "speed", "250.5")]
    [InlineData(-70, 0.05, "speed", "-70")]
    [InlineData(70, double.NaN, "error rate", "NaN")]
    [InlineData(70, -0.01, "error rate", "-0.01")]
    [InlineData(70, 0.25, "error rate", "0.25")]
    public void Bad_input_is_refused_with_a_message_naming_the_setting_and_the_value(double wpm, double errorRate, string setting, string value)
    {
        Assert.False(BotStyle.TryCreate(wpm, errorRate, out var style, out var problem));

        Assert.Null(style);
        Assert.Contains(setting, problem, StringComparison.Ordinal);
        Assert.Contains($"not {value}.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_problems_are_both_reported()
    {
        Assert.False(BotStyle.TryCreate(1000, 0.5, out _, out var problem));

        Assert.Equal(
            "A bot's speed must be from 10 to 250 WPM, not 1000. A bot's error rate must be a share of its keys from 0 to 0.2, not 0.5.",
            problem);
    }

    [Fact]
    public void The_constructor_and_with_throw_on_what_TryCreate_refuses()
    {
        var style = new BotStyle(70, 0.05);

        Assert.Throws<ArgumentOutOfRangeException>("Wpm", () => new BotStyle(double.NaN, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>("ErrorRate", () => new BotStyle(70, 0.3));
        Assert.Throws<ArgumentOutOfRangeException>("Wpm", () => style with { Wpm = 5 });
        Assert.Throws<ArgumentOutOfRangeException>("ErrorRate", () => style with { ErrorRate = -1 });
    }
}
