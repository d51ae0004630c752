using TypingRace.Abstractions;
using TypingRace.Grains.Hosting;

namespace TypingRace.Grains.Players;

[GenerateSerializer, Alias("TypingRace.DeviceCodeState")]
public sealed class DeviceCodeState
{
    [Id(0)] public string PlayerId { get; set; } = "";

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }

    [Id(2)] public string IssuerSecretHash { get; set; } = "";
}

/// <summary>
/// One device code: stored so it works from any gateway, and deleted once redeemed or expired. The grain stays
/// active until its code expires, so an unused code does not stay in storage.
/// </summary>
public sealed class DeviceCodeGrain([PersistentState("code", StorageNames.DeviceCodes)] IPersistentState<DeviceCodeState> state, TimeProvider clock)
    : Grain, IDeviceCodeGrain
{
    private IGrainTimer? _expiry;

    private static readonly RaceError Invalid = new(ErrorCodes.BadDeviceCode, "That code is not valid: it was never issued, was used already, or has expired. Get a new one.");

    public async Task<Outcome> Issue(string playerId, string issuerSecretHash, DateTimeOffset expiresAt)
    {
        if (state.State.PlayerId.Length > 0 && state.State.ExpiresAt > clock.GetUtcNow())
        {
            return Outcome.Fail(ErrorCodes.BadDeviceCode, "That code is taken.");
        }

        state.State = new DeviceCodeState { PlayerId = playerId, ExpiresAt = expiresAt, IssuerSecretHash = issuerSecretHash };
        await state.WriteStateAsync();
        ExpireAt(expiresAt);
        return Outcome.Ok;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A code left by a silo that died before its timer fired is deleted the next time anyone asks for it.
        if (state.State.PlayerId.Length > 0 && state.State.ExpiresAt <= clock.GetUtcNow())
        {
            await state.ClearStateAsync(cancellationToken);
        }
    }

    public async Task<Reply<DeviceGrant>> Redeem(DateTimeOffset now)
    {
        if (state.State is not { PlayerId.Length: > 0 } code || code.ExpiresAt <= now)
        {
            return new Reply<DeviceGrant>(null, Invalid);
        }

        // Gone once used: a second try finds nothing, as does any later one.
        var grant = new DeviceGrant(code.PlayerId, code.IssuerSecretHash);
        await Forget();
        return Reply<DeviceGrant>.Ok(grant);
    }

    /// <summary>One timer for the code's expiry; it keeps the grain active until then.</summary>
    private void ExpireAt(DateTimeOffset expiresAt)
    {
        _expiry?.Dispose();
        var wait = expiresAt - clock.GetUtcNow();
        _expiry = this.RegisterGrainTimer(
            Expire, new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task Expire(CancellationToken cancellationToken)
    {
        if (state.State.PlayerId.Length == 0)
        {
            return;
        }

        // A timer may fire a little early: then it is set again for what is left.
        if (state.State.ExpiresAt > clock.GetUtcNow())
        {
            ExpireAt(state.State.ExpiresAt);
            return;
        }

        await Forget();
    }

    private async Task Forget()
    {
        _expiry?.Dispose();
        _expiry = null;
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

}
