using System.Globalization;
using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Leaderboards;

/// <summary>
/// The Redis key space for leaderboards and player records. Boards are
/// <c>{prefix}lb:{ranking}:{scope}[:{scopeId}]:{period}</c>, for example <c>tr:lb:speed:guide:rust:daily:2025-03-04</c>
/// or <c>tr:lb:accuracy:passage:p12:short:weekly:2025-W10</c>. A distinct prefix lets tests and deployments share one
/// Redis without seeing each other's data.
/// </summary>
public sealed class BoardKeys(string prefix = "tr:")
{
    /// <summary>Kept a day past the period so a board read just after midnight still finds yesterday's board.</summary>
    public static readonly TimeSpan ExpiryGrace = TimeSpan.FromDays(1);

    public string Prefix { get; } = prefix;

    /// <summary>Display names by player id, stored once so a rename shows on every board at once.</summary>
    public string Names => $"{Prefix}names";

    /// <summary>Present while a result's history and totals writes must not be repeated.</summary>
    public string ResultMarker(string resultId) => $"{Prefix}result:{resultId}";

    public string History(string playerId) => $"{Prefix}player:{playerId}:history";

    public string Totals(string playerId) => $"{Prefix}player:{playerId}:totals";

    public string GuideBests(string playerId) => $"{Prefix}player:{playerId}:best:guide";

    public string PassageBests(string playerId) => $"{Prefix}player:{playerId}:best:passage";

    /// <summary>A passage is its first paragraph and its length class, because one paragraph starts three passages.</summary>
    public static string PassageId(string firstParagraphId, PassageLength length) =>
        $"{firstParagraphId}:{length.ToString().ToLowerInvariant()}";

    /// <summary>Every board <paramref name="result"/> belongs to, in both rankings, whether or not it qualifies.</summary>
    public IReadOnlyList<Board> For(FinishedResult result)
    {
        var scopes = new List<(LeaderboardScope, string?)>
        {
            (LeaderboardScope.Guide, result.GuideId),
            (LeaderboardScope.Passage, PassageId(result.FirstParagraphId, result.Length)),
        };

        // Anyone can import a guide of "aaaa": its results rank on its own boards, never on the global ones.
        if (!GuideIds.IsImported(result.GuideId))
        {
            scopes.Insert(0, (LeaderboardScope.Global, null));
        }

        if (result.CohortId is { } cohort)
        {
            scopes.Add((LeaderboardScope.Cohort, cohort));
        }

        return
        [
            .. from ranking in Enum.GetValues<LeaderboardRanking>()
               from scope in scopes
               from period in Enum.GetValues<LeaderboardPeriod>()
               select Make(scope.Item1, scope.Item2, period, ranking, result.At),
        ];
    }

    /// <summary>The board <paramref name="query"/> names, its day or week taken at <paramref name="now"/> unless it gives one.</summary>
    public Board For(BoardQuery query, DateTimeOffset now)
    {
        if (!Enum.IsDefined(query.Scope) || !Enum.IsDefined(query.Period) || !Enum.IsDefined(query.Ranking))
        {
            throw new ArgumentException("Unknown scope, period or ranking.", nameof(query));
        }

        if ((query.Scope == LeaderboardScope.Global) != string.IsNullOrEmpty(query.ScopeId))
        {
            throw new ArgumentException("The global scope takes no scope id; every other scope needs one.", nameof(query));
        }

        return Make(query.Scope, query.ScopeId, query.Period, query.Ranking, query.At ?? now);
    }

    private Board Make(LeaderboardScope scope, string? scopeId, LeaderboardPeriod period, LeaderboardRanking ranking, DateTimeOffset at)
    {
        var (periodId, ends) = Period(period, at.UtcDateTime);
        var scopePart = scopeId is null ? Lower(scope) : $"{Lower(scope)}:{scopeId}";
        var periodPart = period == LeaderboardPeriod.AllTime ? periodId : $"{Lower(period)}:{periodId}";
        return new Board(
            scope,
            scopeId,
            period,
            periodId,
            ranking,
            $"{Prefix}lb:{Lower(ranking)}:{scopePart}:{periodPart}",
            ends is { } end ? new DateTimeOffset(end, TimeSpan.Zero) + ExpiryGrace : null);
    }

    private static (string Id, DateTime? Ends) Period(LeaderboardPeriod period, DateTime utc)
    {
        switch (period)
        {
            case LeaderboardPeriod.Daily:
                return (utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), utc.Date.AddDays(1));
            case LeaderboardPeriod.Weekly:
                // The ISO year differs from the calendar year around New Year: 2024-12-30 is in 2025-W01.
                var year = ISOWeek.GetYear(utc);
                var week = ISOWeek.GetWeekOfYear(utc);
                var monday = ISOWeek.ToDateTime(year, week, DayOfWeek.Monday);
                return (string.Create(CultureInfo.InvariantCulture, $"{year:D4}-W{week:D2}"), monday.AddDays(7));
            case LeaderboardPeriod.AllTime:
                return ("all", null);
            default:
                throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period.");
        }
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
