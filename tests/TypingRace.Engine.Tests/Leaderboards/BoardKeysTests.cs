using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Leaderboards;

public class BoardKeysTests
{
    private static readonly BoardKeys Keys = new();

    private static FinishedResult ResultAt(DateTimeOffset at, string? cohort = null) => new(
        "r1", "ada", "rust", "p1", PassageLength.Medium, 300, cohort, 60, 0.95, FairPlayFlags.None, 1, 2, 0, true, at);

    [Fact]
    public void A_result_belongs_to_every_scope_period_and_ranking()
    {
        var boards = Keys.For(ResultAt(new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero), "class-7"));

        Assert.Equal(24, boards.Count);
        Assert.Equal(24, boards.Select(b => b.Key).Distinct().Count());
        Assert.Contains("tr:lb:speed:global:daily:2025-03-04", boards.Select(b => b.Key));
        Assert.Contains("tr:lb:speed:guide:rust:weekly:2025-W10", boards.Select(b => b.Key));
        Assert.Contains("tr:lb:accuracy:passage:p1:medium:all", boards.Select(b => b.Key));
        Assert.Contains("tr:lb:accuracy:cohort:class-7:daily:2025-03-04", boards.Select(b => b.Key));
    }

    [Fact]
    public void Without_a_cohort_there_are_no_cohort_boards()
    {
        var boards = Keys.For(ResultAt(new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(18, boards.Count);
        Assert.DoesNotContain(boards, b => b.Scope == LeaderboardScope.Cohort);
    }

    [Fact]
    public void Days_are_utc_and_weeks_are_iso_weeks_across_new_year()
    {
        // 23:30 on 2024-12-29 at UTC-2 is 01:30 UTC on Monday 2024-12-30, the first day of ISO week 2025-W01.
        var at = new DateTimeOffset(2024, 12, 29, 23, 30, 0, TimeSpan.FromHours(-2));
        var daily = Keys.For(new BoardQuery(LeaderboardScope.Global, null, LeaderboardPeriod.Daily, LeaderboardRanking.Speed, at), at);
        var weekly = Keys.For(new BoardQuery(LeaderboardScope.Global, null, LeaderboardPeriod.Weekly, LeaderboardRanking.Speed), at);

        Assert.Equal("tr:lb:speed:global:daily:2024-12-30", daily.Key);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), daily.ExpiresAt);
        Assert.Equal("tr:lb:speed:global:weekly:2025-W01", weekly.Key);
        Assert.Equal(new DateTimeOffset(2025, 1, 7, 0, 0, 0, TimeSpan.Zero), weekly.ExpiresAt);
    }

    [Fact]
    public void All_time_boards_never_expire_and_the_prefix_is_configurable()
    {
        var board = new BoardKeys("x:").For(
            new BoardQuery(LeaderboardScope.Passage, BoardKeys.PassageId("p1", PassageLength.Long), LeaderboardPeriod.AllTime, LeaderboardRanking.Accuracy),
            DateTimeOffset.UnixEpoch);

        Assert.Equal("x:lb:accuracy:passage:p1:long:all", board.Key);
        Assert.Null(board.ExpiresAt);
    }

    [Fact]
    public void Player_keys_share_the_prefix()
    {
        Assert.Equal(
            ["tr:names", "tr:result:r1", "tr:player:ada:history", "tr:player:ada:totals", "tr:player:ada:best:guide", "tr:player:ada:best:passage"],
            [Keys.Names, Keys.ResultMarker("r1"), Keys.History("ada"), Keys.Totals("ada"), Keys.GuideBests("ada"), Keys.PassageBests("ada")]);
    }

    [Theory]
    [InlineData(LeaderboardScope.Global, "rust")]
    [InlineData(LeaderboardScope.Guide, null)]
    [InlineData(LeaderboardScope.Cohort, "")]
    public void A_scope_id_is_required_exactly_when_the_scope_is_not_global(LeaderboardScope scope, string? id) =>
        Assert.Throws<ArgumentException>(() => Keys.For(new BoardQuery(scope, id, LeaderboardPeriod.AllTime, LeaderboardRanking.Speed), DateTimeOffset.UnixEpoch));
}
