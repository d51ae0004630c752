using System.Globalization;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Typing;
using TypingRace.Testing;

namespace TypingRace.Leaderboards.Tests;

/// <summary>The one contract both stores keep; each derived class supplies a store.</summary>
public abstract class StoreContractTests
{
    // Noon on next week's Tuesday: in the future, because Redis drops a key whose EXPIREAT has passed, and mid-week,
    // so a few hours or days either side stay in the same day or ISO week.
    protected static readonly DateTimeOffset Noon = NextTuesdayNoon();

    private static readonly BoardQuery GlobalSpeed = new(LeaderboardScope.Global, null, LeaderboardPeriod.AllTime, LeaderboardRanking.Speed);
    private static readonly BoardQuery GlobalAccuracy = GlobalSpeed with { Ranking = LeaderboardRanking.Accuracy };
    private static int nextResult;

    protected ManualTime Clock { get; } = new(Noon);

    protected abstract ILeaderboardStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_better_result_replaces_the_players_entry_and_a_worse_one_never_does()
    {
        await Store.Record(Result("ada", 80), Ct);
        await Store.Record(Result("ada", 70, at: Noon.AddMinutes(1)), Ct);
        Assert.Equal([80.0], (await Store.Top(GlobalSpeed, 10, Ct)).Select(e => e.Wpm));

        await Store.Record(Result("ada", 90, at: Noon.AddMinutes(2)), Ct);
        var entry = Assert.Single(await Store.Top(GlobalSpeed, 10, Ct));
        Assert.Equal(90.0, entry.Wpm);
        Assert.Equal(Noon.AddMinutes(2), entry.At);
    }

    [Fact]
    public async Task Speed_ties_go_to_accuracy_then_to_whoever_got_there_first()
    {
        await Store.Record(Result("late", 80, 0.97, Noon.AddMinutes(5)), Ct);
        await Store.Record(Result("sloppy", 80, 0.95, Noon), Ct);
        await Store.Record(Result("early", 80, 0.97, Noon), Ct);
        await Store.Record(Result("fast", 80.01, 0.5, Noon.AddDays(1)), Ct);

        Assert.Equal(["fast", "early", "late", "sloppy"], (await Store.Top(GlobalSpeed, 10, Ct)).Select(e => e.PlayerId));
    }

    [Fact]
    public async Task Accuracy_ties_go_to_speed_then_to_whoever_got_there_first()
    {
        await Store.Record(Result("late", 60, 0.99, Noon.AddMinutes(5)), Ct);
        await Store.Record(Result("slow", 50, 0.99, Noon), Ct);
        await Store.Record(Result("early", 60, 0.99, Noon), Ct);
        await Store.Record(Result("precise", 31, 0.9901, Noon.AddDays(1)), Ct);

        Assert.Equal(["precise", "early", "late", "slow"], (await Store.Top(GlobalAccuracy, 10, Ct)).Select(e => e.PlayerId));
    }

    [Fact]
    public async Task Top_gives_ranks_names_tags_and_exact_figures_in_order()
    {
        await Store.SetPlayerName("ada-1234", "Ada", Ct);
        await Store.Record(Result("ada-1234", 87.65, 0.9731, Noon.AddSeconds(30)), Ct);
        await Store.Record(Result("bob-5678", 91.2, 0.9, Noon), Ct);

        var top = await Store.Top(GlobalSpeed, 50, Ct);

        Assert.Equal(
            [
                new LeaderboardEntry(1, "bob-5678", null, "bob-", 91.2, 0.9, Noon),
                new LeaderboardEntry(2, "ada-1234", "Ada", "ada-", 87.65, 0.9731, Noon),
            ],
            top);
    }

    [Fact]
    public async Task Names_come_from_the_players_current_name()
    {
        await Store.SetPlayerName("ada", "Ada", Ct);
        await Store.Record(Result("ada", 80), Ct);
        await Store.SetPlayerName("ada", "Countess", Ct);

        Assert.Equal("Countess", Assert.Single(await Store.Top(GlobalSpeed, 10, Ct)).Name);
        Assert.Equal("Countess", (await Store.RankOf(GlobalSpeed, "ada", Ct))!.Name);
    }

    [Fact]
    public async Task Rank_is_right_for_a_player_far_outside_the_top_50()
    {
        // 130 players at 40.0, 40.5, ... WPM: player 10 (45 WPM) is 120th.
        for (var i = 0; i < 130; i++)
        {
            await Store.Record(Result($"p{i:D3}", 40 + (i * 0.5)), Ct);
        }

        var mine = await Store.RankOf(GlobalSpeed, "p010", Ct);
        var top = await Store.Top(GlobalSpeed, 50, Ct);

        Assert.Equal(new LeaderboardEntry(120, "p010", null, "p010", 45, 0.98, Noon), mine);
        Assert.Equal(Enumerable.Range(80, 50).Reverse().Select(i => $"p{i:D3}"), top.Select(e => e.PlayerId));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), top.Select(e => e.Rank));
        Assert.Equal(104.5, top[0].Wpm);
        Assert.Null(await Store.RankOf(GlobalSpeed, "nobody", Ct));
    }

    [Fact]
    public async Task Record_reports_the_players_rank_on_every_board_it_entered()
    {
        await Store.Record(Result("bob", 90), Ct);
        var outcome = await Store.Record(Result("ada", 85, cohort: "class-7"), Ct);

        // 4 scopes x 3 periods x 2 rankings.
        Assert.Equal(24, outcome.Placements.Count);
        Assert.All(outcome.Placements, p => Assert.Equal(p.Board.Scope == LeaderboardScope.Cohort ? 1 : 2, p.Rank));
        Assert.False(outcome.Duplicate);
    }

    [Fact]
    public async Task A_race_written_in_one_call_gets_exact_ranks_that_count_every_racer_in_it()
    {
        // Kim raced another passage of the guide before; the race is on p1, with a replay of Ada's result in the call.
        await Store.Record(Result("kim", 85, 0.98, paragraph: "p2"), Ct);
        var ada = Result("ada", 90, 0.95);
        var race = new[]
        {
            new ResultToRecord(ada, "Ada"),
            new ResultToRecord(Result("bo", 80, 0.99), "Bo"),
            new ResultToRecord(Result("cy", 88, 0.97), "Cy"),
            new ResultToRecord(ada, "Ada"),
        };

        var outcomes = await Store.Record(race, Ct);

        // Speed: ada 90, cy 88, kim 85, bo 80. Accuracy: bo 99 %, kim 98 %, cy 97 %, ada 95 %. Kim is not on p1's boards.
        long Rank(int racer, LeaderboardScope scope, LeaderboardRanking ranking) =>
            outcomes[racer].Placements.Where(p => p.Board.Scope == scope && p.Board.Ranking == ranking).Select(p => p.Rank).Distinct().Single();
        Assert.All(outcomes, o => Assert.Equal(18, o.Placements.Count));
        Assert.Equal([1L, 4, 2, 1], race.Select((_, i) => Rank(i, LeaderboardScope.Global, LeaderboardRanking.Speed)));
        Assert.Equal([4L, 1, 3, 4], race.Select((_, i) => Rank(i, LeaderboardScope.Guide, LeaderboardRanking.Accuracy)));
        Assert.Equal([1L, 3, 2, 1], race.Select((_, i) => Rank(i, LeaderboardScope.Passage, LeaderboardRanking.Speed)));
        Assert.Equal([3L, 1, 2, 3], race.Select((_, i) => Rank(i, LeaderboardScope.Passage, LeaderboardRanking.Accuracy)));
        Assert.Equal([false, false, false, true], outcomes.Select(o => o.Duplicate));
        Assert.Equal([true, true, true, false], outcomes.Select(o => o.NewPassageBest));

        // The names came with the results, and the replay counted once.
        Assert.Equal(["Ada", "Cy", null, "Bo"], (await Store.Top(GlobalSpeed, 10, Ct)).Select(e => e.Name));
        Assert.Equal(1, (await Store.Stats("ada", Ct)).Races);
    }

    [Fact]
    public async Task An_invalid_result_in_a_call_is_refused_before_anything_is_written()
    {
        ResultToRecord[] results = [new(Result("ada", 80)), new(Result("bo", 80) with { GuideId = "" })];

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.Record(results, Ct));

        Assert.Empty(await Store.Top(GlobalSpeed, 10, Ct));
        Assert.Equal(0, (await Store.Stats("ada", Ct)).Races);
    }

    [Fact]
    public async Task Results_recorded_at_the_same_time_each_get_their_own_outcome()
    {
        var results = Enumerable.Range(0, 40).Select(i => Result($"p{i:D2}", 40 + i)).ToList();

        var outcomes = await Task.WhenAll(results.Select(r => Store.Record(new ResultToRecord(r, $"P{r.PlayerId}"), Ct)));

        // 40 players at 40..79 WPM: whatever was written together, each rank counts those written before or with it.
        var final = await Store.Top(GlobalSpeed, 50, Ct);
        Assert.Equal(Enumerable.Range(0, 40).Reverse().Select(i => $"p{i:D2}"), final.Select(e => e.PlayerId));
        Assert.Equal(Enumerable.Range(0, 40).Reverse().Select(i => $"Pp{i:D2}"), final.Select(e => e.Name));
        foreach (var (outcome, i) in outcomes.Select((o, i) => (o, i)))
        {
            var rank = outcome.Placements.Single(p => p.Board.Scope == LeaderboardScope.Global && p.Board.Period == LeaderboardPeriod.AllTime
                && p.Board.Ranking == LeaderboardRanking.Speed).Rank;
            Assert.InRange(rank, 1, 40 - i);
            Assert.False(outcome.Duplicate);
        }
    }

    [Fact]
    public async Task A_result_enters_global_guide_passage_and_cohort_boards_for_its_day_week_and_all_time()
    {
        await Store.Record(Result("ada", 80, cohort: "class-7", guide: "rust", paragraph: "p9", length: PassageLength.Medium, chars: 300), Ct);

        string?[] scopes = [null, "rust", "p9:medium", "class-7"];
        foreach (var (scope, id) in Enum.GetValues<LeaderboardScope>().Zip(scopes))
        {
            foreach (var period in Enum.GetValues<LeaderboardPeriod>())
            {
                foreach (var ranking in Enum.GetValues<LeaderboardRanking>())
                {
                    var query = new BoardQuery(scope, id, period, ranking, Noon.AddDays(2));
                    Assert.Equal(period == LeaderboardPeriod.Daily ? null : "ada", (await Store.RankOf(query, "ada", Ct))?.PlayerId);
                    Assert.Equal(1, (await Store.RankOf(query with { At = Noon.AddHours(-11) }, "ada", Ct))?.Rank);
                }
            }
        }

        Assert.Empty(await Store.Top(new BoardQuery(LeaderboardScope.Passage, "p9:short", LeaderboardPeriod.AllTime, LeaderboardRanking.Speed), 10, Ct));
        Assert.Empty(await Store.Top(new BoardQuery(LeaderboardScope.Guide, "go", LeaderboardPeriod.AllTime, LeaderboardRanking.Speed), 10, Ct));
        Assert.Empty(await Store.Top(GlobalSpeed with { Period = LeaderboardPeriod.Weekly, At = Noon.AddDays(7) }, 10, Ct));
    }

    [Fact]
    public async Task A_query_without_a_date_reads_todays_and_this_weeks_boards()
    {
        await Store.Record(Result("ada", 80), Ct);

        Assert.NotNull(await Store.RankOf(GlobalSpeed with { Period = LeaderboardPeriod.Daily }, "ada", Ct));
        Assert.NotNull(await Store.RankOf(GlobalSpeed with { Period = LeaderboardPeriod.Weekly }, "ada", Ct));
    }

    [Fact]
    public async Task A_result_without_a_cohort_enters_no_cohort_board()
    {
        var outcome = await Store.Record(Result("ada", 80), Ct);

        Assert.Equal(18, outcome.Placements.Count);
        Assert.DoesNotContain(outcome.Placements, p => p.Board.Scope == LeaderboardScope.Cohort);
    }

    public static TheoryData<string, FairPlayFlags, PassageLength, int, bool> Unranked => new()
    {
        { "pasted", FairPlayFlags.Pasted, PassageLength.Short, 120, true },
        { "too fast", FairPlayFlags.TooFast, PassageLength.Short, 120, true },
        { "machine", FairPlayFlags.MachineRegular, PassageLength.Short, 120, true },
        { "bot", FairPlayFlags.Bot, PassageLength.Short, 120, true },
        { "too short", FairPlayFlags.None, PassageLength.Short, 79, true },
        { "unfinished", FairPlayFlags.None, PassageLength.Long, 600, false },
    };

    [Theory]
    [MemberData(nameof(Unranked))]
    public async Task A_result_that_does_not_qualify_enters_no_board_but_still_the_history(
        string why, FairPlayFlags flags, PassageLength length, int chars, bool finished)
    {
        var outcome = await Store.Record(Result("ada", 80, flags: flags, length: length, chars: chars, finished: finished), Ct);

        Assert.True(outcome.Placements.Count == 0, why);
        Assert.False(outcome.NewGuideBest);
        Assert.Empty(await Store.Top(GlobalSpeed, 10, Ct));
        Assert.Empty(await Store.Top(GlobalAccuracy, 10, Ct));
        var stats = await Store.Stats("ada", Ct);
        Assert.Single(stats.Recent);
        Assert.Empty(stats.GuideBests);
    }

    [Fact]
    public async Task The_accuracy_ranking_needs_30_wpm_but_the_speed_ranking_does_not()
    {
        var outcome = await Store.Record(Result("slow", 29.99, 1.0), Ct);
        await Store.Record(Result("enough", 30, 0.9), Ct);

        Assert.All(outcome.Placements, p => Assert.Equal(LeaderboardRanking.Speed, p.Board.Ranking));
        Assert.Equal(["enough", "slow"], (await Store.Top(GlobalSpeed, 10, Ct)).Select(e => e.PlayerId));
        Assert.Equal(["enough"], (await Store.Top(GlobalAccuracy, 10, Ct)).Select(e => e.PlayerId));
    }

    [Fact]
    public async Task Recording_a_result_id_twice_counts_it_once()
    {
        var result = Result("ada", 80);
        var first = await Store.Record(result, Ct);
        var again = await Store.Record(result, Ct);

        Assert.False(first.Duplicate);
        Assert.True(first.NewGuideBest);
        Assert.True(again.Duplicate);
        Assert.False(again.NewGuideBest);
        Assert.False(again.NewPassageBest);
        Assert.Equal(first.Placements, again.Placements);
        var stats = await Store.Stats("ada", Ct);
        Assert.Equal(1, stats.Races);
        Assert.Equal([result], stats.Recent);
        Assert.Equal(80, stats.AverageWpm);
    }

    [Fact]
    public async Task Personal_bests_are_per_guide_and_per_passage()
    {
        var first = await Store.Record(Result("ada", 80, guide: "rust", paragraph: "p1"), Ct);
        var slower = await Store.Record(Result("ada", 70, guide: "rust", paragraph: "p1"), Ct);
        var otherPassage = await Store.Record(Result("ada", 75, guide: "rust", paragraph: "p2"), Ct);
        var faster = await Store.Record(Result("ada", 85.5, 0.96, guide: "rust", paragraph: "p2"), Ct);
        var otherGuide = await Store.Record(Result("ada", 60, guide: "go", paragraph: "g1"), Ct);

        Assert.Equal((true, true), (first.NewGuideBest, first.NewPassageBest));
        Assert.Equal((false, false), (slower.NewGuideBest, slower.NewPassageBest));
        Assert.Equal((false, true), (otherPassage.NewGuideBest, otherPassage.NewPassageBest));
        Assert.Equal((true, true), (faster.NewGuideBest, faster.NewPassageBest));
        Assert.Equal((true, true), (otherGuide.NewGuideBest, otherGuide.NewPassageBest));

        var stats = await Store.Stats("ada", Ct);
        Assert.Equal([new PersonalBest("rust", 85.5, 0.96, Noon), new PersonalBest("go", 60, 0.98, Noon)], stats.GuideBests);
        Assert.Equal(["p2:short", "p1:short", "g1:short"], stats.PassageBests.Select(b => b.Id));
    }

    [Fact]
    public async Task Stats_give_recent_results_newest_first_totals_and_the_average_of_the_last_ten()
    {
        // 55 races at 40..94 WPM: history keeps the newest 50, totals count all 55.
        for (var i = 0; i < 55; i++)
        {
            await Store.Record(Result("ada", 40 + i, i % 2 == 0 ? 1.0 : 0.9, Noon.AddMinutes(i)), Ct);
        }

        var stats = await Store.Stats("ada", Ct);

        Assert.Equal(50, stats.Recent.Count);
        Assert.Equal(94, stats.Recent[0].Wpm);
        Assert.Equal(45, stats.Recent[^1].Wpm);
        Assert.Equal(55, stats.Races);
        Assert.Equal(67, stats.AverageWpm, 10);
        Assert.Equal((28 * 1.0 + 27 * 0.9) / 55, stats.AverageAccuracy, 10);
        Assert.Equal(89.5, stats.RecentAverageWpm);
    }

    [Fact]
    public async Task A_player_with_no_races_has_empty_stats()
    {
        var stats = await Store.Stats("nobody", Ct);

        Assert.Equal((0L, 0.0, 0.0, (double?)null), (stats.Races, stats.AverageWpm, stats.AverageAccuracy, stats.RecentAverageWpm));
        Assert.Empty(stats.Recent);
        Assert.Empty(stats.GuideBests);
    }

    [Fact]
    public async Task Bad_queries_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Top(GlobalSpeed with { ScopeId = "x" }, 10, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Top(GlobalSpeed with { Scope = LeaderboardScope.Guide }, 10, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Top(GlobalSpeed with { Period = (LeaderboardPeriod)9 }, 10, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Top(GlobalSpeed, 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.Top(GlobalSpeed, LeaderboardLimits.MaxTop + 1, Ct));
    }

    private static DateTimeOffset NextTuesdayNoon()
    {
        var today = DateTime.UtcNow.Date;
        var monday = ISOWeek.ToDateTime(ISOWeek.GetYear(today), ISOWeek.GetWeekOfYear(today), DayOfWeek.Monday);
        return new DateTimeOffset(monday.AddDays(8).AddHours(12), TimeSpan.Zero);
    }

    protected static FinishedResult Result(
        string player,
        double wpm,
        double accuracy = 0.98,
        DateTimeOffset? at = null,
        string guide = "rust",
        string paragraph = "p1",
        PassageLength length = PassageLength.Short,
        int chars = 120,
        string? cohort = null,
        FairPlayFlags flags = FairPlayFlags.None,
        bool finished = true) => new(
            $"r{Interlocked.Increment(ref nextResult)}",
            player,
            guide,
            paragraph,
            length,
            chars,
            cohort,
            wpm,
            accuracy,
            flags,
            Place: 1,
            Racers: 2,
            Hints: 0,
            finished,
            at ?? Noon);
}
