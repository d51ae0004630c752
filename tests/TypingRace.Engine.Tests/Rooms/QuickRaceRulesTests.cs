using TypingRace.Engine.Rooms;

namespace TypingRace.Engine.Tests.Rooms;

public class QuickRaceRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 20, 0, 0, TimeSpan.Zero);
    private static readonly QuickRaceSettings Settings = new(Size: 5, FillWait: TimeSpan.FromSeconds(10), AloneWait: TimeSpan.FromSeconds(20));

    private static QueuedRacer At(string id, double seconds, bool bots = false, double? wpm = null) => new(id, T0.AddSeconds(seconds), bots, wpm);

    [Fact]
    public void Five_waiting_start_at_once_oldest_first_and_the_sixth_waits_for_the_next()
    {
        var queue = new[] { At("f", 5), At("a", 0), At("b", 1), At("c", 2), At("d", 3), At("e", 4) };

        var start = QuickRaceRules.Due(queue, T0.AddSeconds(5), Settings)!;

        Assert.Equal(["a", "b", "c", "d", "e"], start.Players);
        Assert.Equal(0, start.Bots);
    }

    [Fact]
    public void Two_start_ten_seconds_after_the_second_joined_and_not_a_moment_before()
    {
        var queue = new[] { At("a", 0), At("b", 3) };

        Assert.Null(QuickRaceRules.Due(queue, T0.AddSeconds(12.999), Settings));
        Assert.Equal(["a", "b"], QuickRaceRules.Due(queue, T0.AddSeconds(13), Settings)!.Players);
    }

    [Fact]
    public void One_alone_races_bots_after_the_stated_wait_at_their_own_speed_or_60_wpm_when_new()
    {
        Assert.Null(QuickRaceRules.Due([At("a", 0, wpm: 83.4)], T0.AddSeconds(19.9), Settings));

        var alone = QuickRaceRules.Due([At("a", 0, wpm: 83.4)], T0.AddSeconds(20), Settings)!;
        Assert.Equal(["a"], alone.Players);
        Assert.Equal((4, 83.0), (alone.Bots, alone.BotWpm));

        var newcomer = QuickRaceRules.Due([At("a", 0)], T0.AddSeconds(20), Settings)!;
        Assert.Equal(QuickRaceRules.DefaultBotWpm, newcomer.BotWpm);
    }

    [Fact]
    public void Empty_seats_get_bots_only_when_someone_asked_at_the_players_average_within_the_bots_range()
    {
        var without = QuickRaceRules.Due([At("a", 0, wpm: 70), At("b", 1, wpm: 90)], T0.AddSeconds(11), Settings)!;
        Assert.Equal(0, without.Bots);

        var with = QuickRaceRules.Due([At("a", 0, wpm: 70), At("b", 1, bots: true, wpm: 92), At("c", 2)], T0.AddSeconds(11), Settings)!;
        Assert.Equal((2, 81.0), (with.Bots, with.BotWpm));

        var fast = QuickRaceRules.Due([At("a", 0, bots: true, wpm: 400), At("b", 1, wpm: 380)], T0.AddSeconds(11), Settings)!;
        Assert.Equal(Engine.Bots.BotStyle.MaxWpm, fast.BotWpm);
    }

    [Fact]
    public void Nobody_waiting_starts_nothing()
    {
        Assert.Null(QuickRaceRules.Due([], T0, Settings));
    }
}
