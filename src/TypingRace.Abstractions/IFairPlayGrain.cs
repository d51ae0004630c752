namespace TypingRace.Abstractions;

/// <summary>The fair-play rules as this cluster judges them: each flag in plain words, with the silos' thresholds.</summary>
[Alias("TypingRace.IFairPlayGrain")]
public interface IFairPlayGrain : IGrainWithIntegerKey
{
    [Alias("Rules")]
    Task<FlagRule[]> Rules();
}

[GenerateSerializer, Immutable, Alias("TypingRace.FlagRule")]
public sealed record FlagRule(
    [property: Id(0)] string Flag,
    [property: Id(1)] string Label,
    [property: Id(2)] string Explanation);
