using TypingRace.Engine.Guides;

namespace TypingRace.Abstractions;

/// <summary>
/// Ghost races (docs/fair-play.md, "Ghosts"): finds the stored runs a player asked to race and seats them as ghosts,
/// in the player's room or in a new one. Keeps no state: the runs are in the race grains, the room holds its ghosts.
/// </summary>
[Alias("TypingRace.IGhostRaceGrain")]
public interface IGhostRaceGrain : IGrainWithIntegerKey
{
    [Alias("Open")]
    Task<Reply<GhostRace>> Open(string playerId, GhostRequest request);
}

public enum GhostKind
{
    /// <summary>The player's own fastest ranked run of the passage.</summary>
    Best,

    /// <summary>The cohort's median run of the passage in its rounds.</summary>
    Class,

    /// <summary>The racers of a finished race, on its passage.</summary>
    Replay,
}

/// <param name="RoomCode">Seat the ghosts in this room, which the player hosts, on its passage; null opens a new room.</param>
/// <param name="Passage">The passage to race, for a new room of kind best or class.</param>
/// <param name="RaceId">For <see cref="GhostKind.Replay"/>: the race whose racers become ghosts.</param>
/// <param name="PlayerIds">For <see cref="GhostKind.Replay"/>: only these racers; null for as many as the room seats, best place first.</param>
/// <param name="CohortCode">For <see cref="GhostKind.Class"/>.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.GhostRequest")]
public sealed record GhostRequest(
    [property: Id(0)] GhostKind Kind,
    [property: Id(1)] string? RoomCode = null,
    [property: Id(2)] PassageChoice? Passage = null,
    [property: Id(3)] string? RaceId = null,
    [property: Id(4)] string[]? PlayerIds = null,
    [property: Id(5)] string? CohortCode = null);

/// <summary>Where the ghosts wait: the room's code, and the names they race under.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.GhostRace")]
public sealed record GhostRace(
    [property: Id(0)] string RoomCode,
    [property: Id(1)] string[] Ghosts);
