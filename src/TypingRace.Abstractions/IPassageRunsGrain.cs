using Orleans.Concurrency;

namespace TypingRace.Abstractions;

/// <summary>
/// The shapes of the ranked runs of one passage, keyed by its board id (<c>BoardKeys.PassageId</c>): what a new run
/// is compared with to catch a recorded log played again (docs/fair-play.md, "Replayed runs").
/// </summary>
[Alias("TypingRace.IPassageRunsGrain")]
public interface IPassageRunsGrain : IGrainWithStringKey
{
    /// <summary>The players among <paramref name="runs"/> whose run is one kept here, from another race, played again.</summary>
    [AlwaysInterleave, ReadOnly, Alias("Replayed")]
    Task<string[]> Replayed(RunShapeView[] runs);

    /// <summary>Keeps the runs to compare later ones with; one-way, so a room never waits on its storage.</summary>
    [OneWay, Alias("Remember")]
    Task Remember(RunShapeView[] runs);
}

/// <summary>One racer's run as <c>RunShape</c> has it: the share of its time per 10 code points, and where it slipped.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.RunShapeView")]
public sealed record RunShapeView(
    [property: Id(0)] string RaceId,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] float[] Shares,
    [property: Id(3)] int[] Slips);
