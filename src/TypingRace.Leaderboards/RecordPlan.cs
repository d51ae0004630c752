using TypingRace.Engine.Leaderboards;

namespace TypingRace.Leaderboards;

/// <summary>What recording one result writes, worked out once so both stores apply the same rules.</summary>
/// <param name="PlayerName">Set with the result; null leaves the stored name alone.</param>
/// <param name="Boards">The boards the result qualifies for, each with its score in that board's ranking.</param>
/// <param name="BestScore">The speed score for personal bests; null when the result may not be one.</param>
/// <param name="WpmHundredths">Totals add whole hundredths so the sums stay exact however many races there are.</param>
/// <param name="AccuracyBasisPoints">Accuracy in hundredths of a percent, for the same reason.</param>
internal sealed record RecordPlan(
    FinishedResult Result,
    string? PlayerName,
    IReadOnlyList<(Board Board, double Score)> Boards,
    double? BestScore,
    string PassageId,
    long WpmHundredths,
    long AccuracyBasisPoints)
{
    public static RecordPlan Of(ResultToRecord request, LeaderboardRules rules, BoardKeys keys)
    {
        var result = request.Result;
        ArgumentException.ThrowIfNullOrEmpty(result.ResultId);
        ArgumentException.ThrowIfNullOrEmpty(result.PlayerId);
        ArgumentException.ThrowIfNullOrEmpty(result.GuideId);
        ArgumentException.ThrowIfNullOrEmpty(result.FirstParagraphId);

        // Encoding first rejects an impossible WPM or accuracy before anything is written.
        var speed = CompositeScore.Encode(LeaderboardRanking.Speed, result);
        var boards = keys.For(result)
            .Where(board => rules.Qualifies(result, board.Ranking))
            .Select(board => (board, CompositeScore.Encode(board.Ranking, result)))
            .ToList();

        // A personal best is the result a player could show on a speed board; a flagged one is no achievement.
        return new RecordPlan(
            result,
            request.PlayerName,
            boards,
            rules.Qualifies(result, LeaderboardRanking.Speed) ? speed : null,
            BoardKeys.PassageId(result.FirstParagraphId, result.Length),
            (long)Math.Round(result.Wpm * 100, MidpointRounding.AwayFromZero),
            (long)Math.Round(result.Accuracy * 10_000, MidpointRounding.AwayFromZero));
    }
}

/// <summary>
/// Several results written together, board by board: a board they share is written once with every entry it gets, and
/// the ranks are read after all the writes, one per entry, so results written together count each other. Both stores
/// write in this order and build their outcomes here.
/// </summary>
internal sealed class RecordBatchPlan
{
    private RecordBatchPlan(IReadOnlyList<RecordPlan> results, IReadOnlyList<BoardWrite> boards, int entries)
    {
        Results = results;
        Boards = boards;
        Entries = entries;
    }

    public IReadOnlyList<RecordPlan> Results { get; }

    /// <summary>Each board once, in the order the results first name them.</summary>
    public IReadOnlyList<BoardWrite> Boards { get; }

    /// <summary>Board entries over all boards: the ranks to read.</summary>
    public int Entries { get; }

    public static RecordBatchPlan Of(IReadOnlyList<RecordPlan> results)
    {
        var boards = new List<BoardWrite>();
        var byKey = new Dictionary<string, BoardWrite>(StringComparer.Ordinal);
        var entries = 0;
        for (var r = 0; r < results.Count; r++)
        {
            var plan = results[r];
            for (var p = 0; p < plan.Boards.Count; p++)
            {
                var (board, score) = plan.Boards[p];
                if (!byKey.TryGetValue(board.Key, out var write))
                {
                    byKey[board.Key] = write = new BoardWrite(board, []);
                    boards.Add(write);
                }

                write.Entries.Add(new BoardEntry(r, p, plan.Result.PlayerId, score));
                entries++;
            }
        }

        return new RecordBatchPlan(results, boards, entries);
    }

    /// <param name="players">Per result, in order: what its own keys' writes said.</param>
    /// <param name="ranks">0-based, one per entry, board by board in <see cref="Boards"/> order.</param>
    public IReadOnlyList<RecordOutcome> Outcomes(IReadOnlyList<PlayerOutcome> players, IReadOnlyList<long> ranks)
    {
        var placements = Results.Select(r => new BoardPlacement[r.Boards.Count]).ToArray();
        var next = 0;
        foreach (var write in Boards)
        {
            foreach (var entry in write.Entries)
            {
                placements[entry.Result][entry.Placement] = new BoardPlacement(write.Board, ranks[next++] + 1);
            }
        }

        return [.. players.Select((p, r) => new RecordOutcome(!p.Fresh, placements[r], p.NewGuideBest, p.NewPassageBest))];
    }
}

/// <param name="Entries">Every entry the board gets, in result order; one player may come twice.</param>
internal sealed record BoardWrite(Board Board, List<BoardEntry> Entries);

/// <param name="Result">Index of the result in the batch.</param>
/// <param name="Placement">Index of the board in that result's <see cref="RecordPlan.Boards"/>.</param>
internal readonly record struct BoardEntry(int Result, int Placement, string PlayerId, double Score);

/// <param name="Fresh">The result id was new, so history and totals were written.</param>
internal readonly record struct PlayerOutcome(bool Fresh, bool NewGuideBest, bool NewPassageBest);

/// <summary>Turns stored totals and bests into <see cref="PlayerStats"/> the same way for both stores.</summary>
internal static class StatsBuilder
{
    public static PlayerStats Build(
        IReadOnlyList<FinishedResult> recent,
        long races,
        long wpmHundredths,
        long accuracyBasisPoints,
        IEnumerable<(string Id, double Score)> guideBests,
        IEnumerable<(string Id, double Score)> passageBests) => new(
            recent,
            races,
            races == 0 ? 0 : wpmHundredths / 100.0 / races,
            races == 0 ? 0 : accuracyBasisPoints / 10_000.0 / races,
            recent.Count == 0 ? null : recent.Take(LeaderboardLimits.RecentAverageOf).Average(r => r.Wpm),
            Bests(guideBests),
            Bests(passageBests));

    private static List<PersonalBest> Bests(IEnumerable<(string Id, double Score)> bests) =>
    [
        .. from best in bests
           orderby best.Score descending, best.Id
           let parts = CompositeScore.Decode(LeaderboardRanking.Speed, best.Score)
           select new PersonalBest(best.Id, parts.Wpm, parts.Accuracy, parts.At),
    ];
}
