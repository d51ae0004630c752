using TypingRace.Abstractions;
using TypingRace.Grains.Hosting;

namespace TypingRace.Grains.Guides;

[GenerateSerializer, Alias("TypingRace.GuideState")]
public sealed class GuideState
{
    [Id(0)] public ImportedGuide? Guide { get; set; }
}

/// <summary>One imported guide, stored once.</summary>
public sealed class GuideGrain([PersistentState("guide", StorageNames.Guides)] IPersistentState<GuideState> state) : Grain, IGuideGrain
{
    public async Task<Outcome> Save(ImportedGuide guide)
    {
        if (state.State.Guide is not null)
        {
            return Outcome.Fail(ErrorCodes.GuideExists, $"The guide '{this.GetPrimaryKeyString()}' is already saved; guides do not change.");
        }

        state.State.Guide = guide;
        await state.WriteStateAsync();
        return Outcome.Ok;
    }

    public Task<ImportedGuide?> Get() => Task.FromResult(state.State.Guide);
}
