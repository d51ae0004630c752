namespace TypingRace.Abstractions;

/// <summary>
/// A one-time code that signs a player in on another device, keyed by the code: issued by the player on a device
/// they are signed in on, redeemed once, before it expires, on the new one.
/// </summary>
[Alias("TypingRace.IDeviceCodeGrain")]
public interface IDeviceCodeGrain : IGrainWithStringKey
{
    /// <summary>Refused when the code is already in use.</summary>
    [Alias("Issue")]
    Task<Outcome> Issue(string playerId, DateTimeOffset expiresAt);

    /// <summary>The player the code signs in, once; refused when it is unknown, used or expired.</summary>
    [Alias("Redeem")]
    Task<Reply<string>> Redeem(DateTimeOffset now);
}
