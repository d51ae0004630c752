using Orleans.Concurrency;
using TypingRace.Engine.Guides;

namespace TypingRace.Abstractions;

/// <summary>One player, keyed by the player id: identity, token hash, name and recent results.</summary>
[Alias("TypingRace.IPlayerGrain")]
public interface IPlayerGrain : IGrainWithStringKey
{
    /// <summary>Creates the player with the hash of its secret. Refused if the id is taken.</summary>
    [Alias("Register")]
    Task<Reply<PlayerProfile>> Register(string name, string secretHash);

    /// <summary>True for the secret the player registered with, or one a device code gave another device.</summary>
    [Alias("VerifySecret")]
    [AlwaysInterleave] // Every REST call and hub recheck asks it; it only reads, so it never waits behind a race's write.
    Task<bool> VerifySecret(string secretHash);

    /// <summary>
    /// Another device of the player's, signed in with a device code, gets a secret of its own; refused when the
    /// device that issued the code (<paramref name="issuerSecretHash"/>) was signed out since.
    /// </summary>
    [Alias("AddDevice")]
    Task<Reply<PlayerProfile>> AddDevice(string secretHash, string issuerSecretHash);

    /// <summary>
    /// Rotates one device's secret: <paramref name="currentHash"/> stops working and <paramref name="newHash"/> takes its
    /// place. False, changing nothing, when <paramref name="currentHash"/> is not one of the player's secrets.
    /// </summary>
    [Alias("ReplaceSecret")]
    Task<bool> ReplaceSecret(string currentHash, string newHash);

    /// <summary>Signs out every device: afterwards only <paramref name="newHash"/> works (the caller's new secret).</summary>
    [Alias("RevokeAllSecrets")]
    Task<bool> RevokeAllSecrets(string currentHash, string newHash);

    /// <summary>Signs out one device: <paramref name="currentHash"/> stops working; the player's results stay.</summary>
    [Alias("RemoveSecret")]
    Task<bool> RemoveSecret(string currentHash);

    /// <summary>The profile, or null for an id nobody registered.</summary>
    [Alias("GetProfile")]
    Task<PlayerProfile?> GetProfile();

    [Alias("Rename")]
    Task<Reply<PlayerProfile>> Rename(string name);

    /// <summary>
    /// Puts the player in the room <paramref name="code"/>, creating it with <paramref name="create"/> when given.
    /// A player is in one room at a time: entering another leaves the one they were in first.
    /// </summary>
    [Alias("EnterRoom")]
    Task<Reply<RoomView>> EnterRoom(string code, PassageChoice? create);

    [Alias("LeaveRoom")]
    Task<Outcome> LeaveRoom(string code);

    /// <summary>The room removed the player (kicked, gone too long, or the room expired).</summary>
    [OneWay, Alias("LeftRoom")]
    Task LeftRoom(string code);

    /// <summary>
    /// Adds the race to the player's history and the leaderboards, then tells the race's room where it left the
    /// player (<see cref="IRoomGrain.ShowStanding"/>). One-way, because writing can take as long as a Redis outage
    /// lets it, and the room must not wait for that.
    /// </summary>
    [OneWay, Alias("RecordResult")]
    Task RecordResult(RaceRecord record);

    [Alias("GetRecentResults")]
    Task<RaceRecord[]> GetRecentResults();

    /// <summary>The keys the player misses most, over every result recorded for them.</summary>
    [Alias("GetWeakSpots")]
    Task<WeakSpotsView> GetWeakSpots();

    /// <summary>The race of the player's fastest ranked run on the passage (<c>BoardKeys.PassageId</c>); null for none yet.</summary>
    [Alias("BestRunOn")]
    Task<string?> BestRunOn(string passageId);

    /// <summary>
    /// Saves a guide the player imported under a new id, and keeps the id in their list. Refused past the
    /// player's quota, <c>Guides:MaxImportsPerPlayer</c> (<c>too-many-guides</c>).
    /// </summary>
    [Alias("ImportGuide")]
    Task<Reply<string>> ImportGuide(ImportedGuide guide);

    /// <summary>The ids of the guides the player imported, oldest first.</summary>
    [Alias("GetImportedGuides")]
    Task<string[]> GetImportedGuides();
}

[GenerateSerializer, Immutable, Alias("TypingRace.PlayerProfile")]
public sealed record PlayerProfile(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Tag,
    [property: Id(3)] string? RoomCode);

/// <summary>A finished race as one player saw it; the id makes recording it idempotent.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.RaceRecord")]
public sealed record RaceRecord(
    [property: Id(0)] string RaceId,
    [property: Id(1)] string RoomCode,
    [property: Id(2)] string GuideId,
    [property: Id(3)] string FirstParagraphId,
    [property: Id(4)] PassageLength Length,
    [property: Id(5)] int CharacterCount,
    [property: Id(6)] int Place,
    [property: Id(7)] int Racers,
    [property: Id(8)] double Wpm,
    [property: Id(9)] double Accuracy,
    [property: Id(10)] long TimeMs,
    [property: Id(11)] int Hints,
    [property: Id(12)] bool Finished,
    [property: Id(13)] string[] Flags,
    [property: Id(14)] DateTimeOffset At,
    [property: Id(15)] string? CohortCode = null,
    [property: Id(16)] KeyStat[]? Keys = null);

/// <summary>The characters and bigrams a player misses most, from all their recorded results (the engine's WeakSpots).</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.WeakSpots")]
public sealed record WeakSpotsView(
    [property: Id(0)] KeyStat[] Characters,
    [property: Id(1)] KeyStat[] Bigrams,
    [property: Id(2)] int Results);
