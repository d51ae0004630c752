namespace TypingRace.Abstractions;

/// <summary>
/// A one-time code that signs a player in on another device, keyed by the code: issued by the player on a device
/// they are signed in on, redeemed once, before it expires, on the new one.
/// </summary>
[Alias("TypingRace.IDeviceCodeGrain")]
public interface IDeviceCodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Refused when the code is already in use. <paramref name="issuerSecretHash"/> is the issuing device's: the code
    /// dies with that device's token, so signing out everywhere also ends the codes issued before.
    /// </summary>
    [Alias("Issue")]
    Task<Outcome> Issue(string playerId, string issuerSecretHash, DateTimeOffset expiresAt);

    /// <summary>The player the code signs in and the device that issued it, once; refused when unknown, used or expired.</summary>
    [Alias("Redeem")]
    Task<Reply<DeviceGrant>> Redeem(DateTimeOffset now);
}

[GenerateSerializer, Alias("TypingRace.DeviceGrant")]
public sealed record DeviceGrant([property: Id(0)] string PlayerId, [property: Id(1)] string IssuerSecretHash);
