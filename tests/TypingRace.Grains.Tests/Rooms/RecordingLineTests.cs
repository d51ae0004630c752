using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>The order in which a room hands its results to the player grains, without a cluster.</summary>
public sealed class RecordingLineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Results_go_one_at_a_time_best_place_first()
    {
        var line = new RecordingLine(StallLimit);

        Assert.Equal(["ada"], Players(line.Add([Result("cy", 3), Result("ada", 1), Result("bo", 2)], Now)));
        Assert.Equal(["bo"], Players(line.Recorded(leaderboardsDown: false, Now)));
        Assert.Equal(["cy"], Players(line.Recorded(leaderboardsDown: false, Now)));
        Assert.Empty(line.Recorded(leaderboardsDown: false, Now));
    }

    [Fact]
    public void A_second_race_waits_behind_the_first()
    {
        var line = new RecordingLine(StallLimit);
        Assert.Equal(["ada"], Players(line.Add([Result("ada", 1), Result("bo", 2)], Now)));

        Assert.Empty(line.Add([Result("cy", 1)], Now));
        Assert.Equal(["bo"], Players(line.Recorded(leaderboardsDown: false, Now)));
        Assert.Equal(["cy"], Players(line.Recorded(leaderboardsDown: false, Now)));
    }

    [Fact]
    public void While_the_leaderboards_are_down_the_rest_go_at_once()
    {
        var line = new RecordingLine(StallLimit);
        line.Add([Result("ada", 1), Result("bo", 2), Result("cy", 3)], Now);

        Assert.Equal(["bo", "cy"], Players(line.Recorded(leaderboardsDown: true, Now)));

        // Two reports are still to come; the next race waits for them.
        Assert.Empty(line.Add([Result("di", 1)], Now));
        Assert.Empty(line.Recorded(leaderboardsDown: false, Now));
        Assert.Equal(["di"], Players(line.Recorded(leaderboardsDown: false, Now)));
    }

    [Fact]
    public void A_lost_report_holds_the_line_only_until_the_stall_limit()
    {
        var line = new RecordingLine(StallLimit);
        line.Add([Result("ada", 1), Result("bo", 2)], Now);

        Assert.Empty(line.Unstick(Now + StallLimit - TimeSpan.FromSeconds(1)));
        Assert.Equal(["bo"], Players(line.Unstick(Now + StallLimit)));
    }

    private static PendingResult Result(string playerId, int place) => new(playerId, new RaceRecord(
        "ROOM22-1-0", "ROOM22", "mini", "p0", PassageLength.Short, 97, place, 3, 60, 0.98, 10_000, 0, true, [], Now));

    private static string[] Players(IEnumerable<PendingResult> results) => [.. results.Select(r => r.PlayerId)];
}
