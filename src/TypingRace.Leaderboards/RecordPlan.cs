using TypingRace.Engine.Leaderboards;

namespace TypingRace.Leaderboards;

/// <summary>What recording one result writes, worked out once so both stores apply the same rules.</summary>
/// <param name="Boards">The boards the result qualifies for, each with its score in that board's ranking.</param>
/// <param name="BestScore">The speed score for personal bests; null when the result may not be one.</param>
/// <param name="WpmHundredths">Totals add whole hundredths so the sums stay exact however many races there are.</param>
/// <param name="AccuracyBasisPoints">Accuracy in hundredths of a percent, for the same reason.</param>
internal sealed record RecordPlan(
    IReadOnlyList<(Board Board, double Score)> Boards,
    double? BestScore,
    string PassageId,
    long WpmHundredths,
    long AccuracyBasisPoints)
{
    public static RecordPlan Of(FinishedResult result, LeaderboardRules rules, BoardKeys keys)
    {
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
            boards,
            rules.Qualifies(result, LeaderboardRanking.Speed) ? speed : null,
            BoardKeys.PassageId(result.FirstParagraphId, result.Length),
            (long)Math.Round(result.Wpm * 100, MidpointRounding.AwayFromZero),
            (long)Math.Round(result.Accuracy * 10_000, MidpointRounding.AwayFromZero));
    }
}

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
