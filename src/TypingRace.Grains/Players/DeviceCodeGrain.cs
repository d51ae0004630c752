using TypingRace.Abstractions;
using TypingRace.Grains.Hosting;

namespace TypingRace.Grains.Players;

[GenerateSerializer, Alias("TypingRace.DeviceCodeState")]
public sealed class DeviceCodeState
{
    [Id(0)] public string PlayerId { get; set; } = "";

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>One device code: stored so it works from any gateway, and cleared once redeemed.</summary>
public sealed class DeviceCodeGrain([PersistentState("code", StorageNames.DeviceCodes)] IPersistentState<DeviceCodeState> state, TimeProvider clock)
    : Grain, IDeviceCodeGrain
{
    private static readonly RaceError Invalid = new(ErrorCodes.BadDeviceCode, "That code is not valid: it was never issued, was used already, or has expired. Get a new one.");

    public async Task<Outcome> Issue(string playerId, DateTimeOffset expiresAt)
    {
        if (state.State.PlayerId.Length > 0 && state.State.ExpiresAt > clock.GetUtcNow())
        {
            return Outcome.Fail(ErrorCodes.BadDeviceCode, "That code is taken.");
        }

        state.State = new DeviceCodeState { PlayerId = playerId, ExpiresAt = expiresAt };
        await state.WriteStateAsync();
        return Outcome.Ok;
    }

    public async Task<Reply<string>> Redeem(DateTimeOffset now)
    {
        if (state.State is not { PlayerId.Length: > 0 } code || code.ExpiresAt <= now)
        {
            return new Reply<string>(null, Invalid);
        }

        // Gone once used: a second try finds nothing, as does any later one.
        var playerId = code.PlayerId;
        await state.ClearStateAsync();
        return Reply<string>.Ok(playerId);
    }
}
