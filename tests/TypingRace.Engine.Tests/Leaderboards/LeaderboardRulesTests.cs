using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Leaderboards;

public class LeaderboardRulesTests
{
    private static readonly FinishedResult Fair = new(
        "r1", "ada", "rust", "p1", PassageLength.Short, 80, null, 30, 0.95, FairPlayFlags.None, 1, 2, 0, true,
        new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero));

    [Fact]
    public void A_fair_finished_result_on_a_short_passage_at_30_wpm_qualifies_for_both_rankings()
    {
        Assert.True(LeaderboardRules.Default.Qualifies(Fair, LeaderboardRanking.Speed));
        Assert.True(LeaderboardRules.Default.Qualifies(Fair, LeaderboardRanking.Accuracy));
    }

    [Theory]
    [InlineData(FairPlayFlags.Pasted)]
    [InlineData(FairPlayFlags.TooFast)]
    [InlineData(FairPlayFlags.MachineRegular)]
    [InlineData(FairPlayFlags.Bot)]
    [InlineData(FairPlayFlags.Bot | FairPlayFlags.TooFast)]
    public void Any_flag_keeps_a_result_off_both_rankings(FairPlayFlags flags)
    {
        Assert.False(LeaderboardRules.Default.Qualifies(Fair with { Flags = flags }, LeaderboardRanking.Speed));
        Assert.False(LeaderboardRules.Default.Qualifies(Fair with { Flags = flags }, LeaderboardRanking.Accuracy));
    }

    [Fact]
    public void Too_few_characters_or_an_unfinished_race_keep_a_result_off_the_boards()
    {
        Assert.False(LeaderboardRules.Default.Qualifies(Fair with { CharacterCount = 79 }, LeaderboardRanking.Speed));
        Assert.False(LeaderboardRules.Default.Qualifies(Fair with { Finished = false }, LeaderboardRanking.Speed));
    }

    [Fact]
    public void A_longer_minimum_length_class_excludes_shorter_passages()
    {
        var rules = new LeaderboardRules(MinimumLength: PassageLength.Medium);

        Assert.False(rules.Qualifies(Fair with { CharacterCount = 300 }, LeaderboardRanking.Speed));
        Assert.True(rules.Qualifies(Fair with { Length = PassageLength.Medium, CharacterCount = 300 }, LeaderboardRanking.Speed));
    }

    [Fact]
    public void Below_the_minimum_wpm_a_result_ranks_for_speed_but_not_accuracy()
    {
        var slow = Fair with { Wpm = 29.99, Accuracy = 1 };

        Assert.True(LeaderboardRules.Default.Qualifies(slow, LeaderboardRanking.Speed));
        Assert.False(LeaderboardRules.Default.Qualifies(slow, LeaderboardRanking.Accuracy));
        Assert.True(new LeaderboardRules(MinAccuracyWpm: 20).Qualifies(slow, LeaderboardRanking.Accuracy));
    }
}
