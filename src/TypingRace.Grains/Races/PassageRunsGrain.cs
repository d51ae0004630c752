using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Races;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.Races;

[GenerateSerializer, Alias("TypingRace.PassageRunsState")]
public sealed class PassageRunsState
{
    /// <summary>Oldest first; past <see cref="PassageRunsGrain.Kept"/> the oldest go.</summary>
    [Id(0)] public List<RunShapeView> Runs { get; set; } = [];
}

/// <summary>Keeps the shapes of a passage's ranked runs, and says which new ones are one of them played again.</summary>
public sealed class PassageRunsGrain(
    [PersistentState("runs", StorageNames.Races)] IPersistentState<PassageRunsState> state,
    IOptions<RoomOptions> options) : Grain, IPassageRunsGrain
{
    /// <summary>The runs kept per passage: some 60 bytes each.</summary>
    public const int Kept = 500;

    public Task<string[]> Replayed(RunShapeView[] runs)
    {
        var rules = options.Value.TypingRules;
        return Task.FromResult<string[]>([.. runs
            .Where(run => state.State.Runs.Any(kept => kept.RaceId != run.RaceId && Shape(run).Replays(Shape(kept), rules)))
            .Select(run => run.PlayerId)]);
    }

    public async Task Remember(RunShapeView[] runs)
    {
        var kept = state.State.Runs;
        kept.AddRange(runs.Where(run => !kept.Exists(k => k.RaceId == run.RaceId && k.PlayerId == run.PlayerId)));
        if (kept.Count > Kept)
        {
            kept.RemoveRange(0, kept.Count - Kept);
        }

        await state.WriteStateAsync();
    }

    private static RunShape Shape(RunShapeView view) => new(view.Shares, view.Slips);
}
