using TypingRace.Abstractions;
using TypingRace.Grains.Hosting;

namespace TypingRace.Grains.Races;

[GenerateSerializer, Alias("TypingRace.RaceState")]
public sealed class RaceState
{
    [Id(0)] public RaceCompleted? Race { get; set; }
}

/// <summary>Keeps a finished race's one record, stored once by race id however often its room files it.</summary>
public sealed class RaceGrain([PersistentState("race", StorageNames.Races)] IPersistentState<RaceState> state) : Grain, IRaceGrain
{
    public async Task File(RaceCompleted race)
    {
        if (state.State.Race is null)
        {
            state.State.Race = race;

            // A store that is away fails this call; the room files again until it hears back.
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IRoomGrain>(race.RoomCode).RaceFiled(race.RaceId);
    }

    public Task<RaceCompleted?> Get() => Task.FromResult(state.State.Race);
}
