using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Players;

namespace TypingRace.Leaderboards;

/// <summary>Leaderboards, race history, totals and personal bests.</summary>
public interface ILeaderboardStore
{
    /// <summary>
    /// Enters the result on every board it qualifies for, keeping each player's best, and in the player's history,
    /// totals and personal bests, and sets the player's name when it comes with one. Recording the same
    /// <see cref="FinishedResult.ResultId"/> again changes nothing. Calls made at the same time may be written together,
    /// as <see cref="Record(IReadOnlyList{ResultToRecord}, CancellationToken)"/> writes them.
    /// </summary>
    Task<RecordOutcome> Record(ResultToRecord result, CancellationToken ct);

    /// <summary>
    /// Records every result as <see cref="Record(ResultToRecord, CancellationToken)"/> does, in one write (one script
    /// call in Redis), and reads each placement's rank after all of them are written: results written together, such
    /// as a race's, count each other. An invalid result is refused before anything is written.
    /// </summary>
    /// <returns>One outcome per result, in their order.</returns>
    Task<IReadOnlyList<RecordOutcome>> Record(IReadOnlyList<ResultToRecord> results, CancellationToken ct);

    /// <summary>The best <paramref name="count"/> entries, best first, named by each player's current name.</summary>
    Task<IReadOnlyList<LeaderboardEntry>> Top(BoardQuery query, int count, CancellationToken ct);

    /// <summary>The player's entry on the board, or null when they have none.</summary>
    Task<LeaderboardEntry?> RankOf(BoardQuery query, string playerId, CancellationToken ct);

    Task SetPlayerName(string playerId, string name, CancellationToken ct);

    Task<PlayerStats> Stats(string playerId, CancellationToken ct);
}

/// <param name="PlayerName">The player's current name, set with the result; null leaves the stored name alone.</param>
public sealed record ResultToRecord(FinishedResult Result, string? PlayerName = null);

public static class LeaderboardStoreExtensions
{
    /// <summary>Records a result without touching the player's name.</summary>
    public static Task<RecordOutcome> Record(this ILeaderboardStore store, FinishedResult result, CancellationToken ct) =>
        store.Record(new ResultToRecord(result), ct);
}

/// <param name="Duplicate">The result id was recorded before; history and totals were left alone.</param>
/// <param name="Placements">The player's rank on each board the result qualified for.</param>
/// <param name="NewGuideBest">The result beat the player's best speed result on this guide (or was the first).</param>
/// <param name="NewPassageBest">The same, for this passage.</param>
public sealed record RecordOutcome(
    bool Duplicate,
    IReadOnlyList<BoardPlacement> Placements,
    bool NewGuideBest,
    bool NewPassageBest);

/// <param name="Rank">1-based rank of the player's best entry on <paramref name="Board"/>, which may be an earlier result.</param>
public sealed record BoardPlacement(Board Board, long Rank);

/// <param name="Rank">1-based.</param>
/// <param name="Name">The player's current name; null when they never set one.</param>
/// <param name="Tag">The start of the player id, telling apart two players of the same name.</param>
/// <param name="At">When the entry's result was made, to the minute.</param>
public sealed record LeaderboardEntry(
    long Rank,
    string PlayerId,
    string? Name,
    string Tag,
    double Wpm,
    double Accuracy,
    DateTimeOffset At)
{
    internal static LeaderboardEntry From(LeaderboardRanking ranking, long rank, string playerId, string? name, double score)
    {
        var parts = CompositeScore.Decode(ranking, score);
        return new LeaderboardEntry(rank, playerId, name, PlayerName.TagOf(playerId), parts.Wpm, parts.Accuracy, parts.At);
    }
}

/// <param name="Recent">Up to <see cref="LeaderboardLimits.HistoryLength"/> results, newest first, qualifying or not.</param>
/// <param name="Races">Every recorded result, not only the recent ones.</param>
/// <param name="AverageWpm">Over all races; 0 with none.</param>
/// <param name="AverageAccuracy">Over all races, 0..1; 0 with none.</param>
/// <param name="RecentAverageWpm">Over the last <see cref="LeaderboardLimits.RecentAverageOf"/> results; null with none.</param>
/// <param name="GuideBests">Best speed result per guide, fastest first.</param>
/// <param name="PassageBests">Best speed result per passage (<see cref="BoardKeys.PassageId"/>), fastest first.</param>
public sealed record PlayerStats(
    IReadOnlyList<FinishedResult> Recent,
    long Races,
    double AverageWpm,
    double AverageAccuracy,
    double? RecentAverageWpm,
    IReadOnlyList<PersonalBest> GuideBests,
    IReadOnlyList<PersonalBest> PassageBests);

/// <param name="Id">A guide id or a passage id.</param>
public sealed record PersonalBest(string Id, double Wpm, double Accuracy, DateTimeOffset At);

public static class LeaderboardLimits
{
    public const int HistoryLength = 50;
    public const int RecentAverageOf = 10;
    public const int MaxTop = 1000;

    /// <summary>
    /// How long a result id is remembered. A result is only ever written again by the retry queue during a Redis
    /// outage, which lasts minutes; a week is far beyond that and keeps the markers from piling up forever.
    /// </summary>
    public static readonly TimeSpan ResultMemory = TimeSpan.FromDays(7);
}
