namespace TypingRace.Engine.Typing;

/// <param name="FinishedAt">Null while still racing, or when the time limit stopped the race first.</param>
/// <param name="FinishArrival">Among finishers in the same millisecond, who got there first (0, 1, 2...).</param>
/// <param name="IsGhost">A stored run played again: ordered with the others, but never given a place.</param>
public sealed record RacerStanding(string PlayerId, DateTimeOffset? FinishedAt, double Progress, double Accuracy, int FinishArrival = 0, bool IsGhost = false);
