namespace TypingRace.Engine.Typing;

/// <param name="FinishedAt">Null while still racing, or when the time limit stopped the race first.</param>
public sealed record RacerStanding(string PlayerId, DateTimeOffset? FinishedAt, double Progress, double Accuracy);
