namespace TypingRace.Engine.Leaderboards;

/// <summary>Which board to read.</summary>
/// <param name="ScopeId">
/// Null for <see cref="LeaderboardScope.Global"/>; the guide id, <see cref="BoardKeys.PassageId"/> or the cohort id
/// otherwise.
/// </param>
/// <param name="At">Any instant in the wanted day or week; null means now. Ignored for all-time boards.</param>
public sealed record BoardQuery(
    LeaderboardScope Scope,
    string? ScopeId,
    LeaderboardPeriod Period,
    LeaderboardRanking Ranking,
    DateTimeOffset? At = null);

/// <summary>One concrete board: a scope, one day or week (or all time) and a ranking, with its key.</summary>
/// <param name="PeriodId">"2025-03-04" for a day, "2025-W10" for an ISO week, "all" for all time.</param>
/// <param name="ExpiresAt">When the key may go: a day after the period ends. Null for all-time boards.</param>
public sealed record Board(
    LeaderboardScope Scope,
    string? ScopeId,
    LeaderboardPeriod Period,
    string PeriodId,
    LeaderboardRanking Ranking,
    string Key,
    DateTimeOffset? ExpiresAt);
