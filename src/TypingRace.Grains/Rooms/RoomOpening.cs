using TypingRace.Abstractions;
using TypingRace.Engine.Rooms;

namespace TypingRace.Grains.Rooms;

/// <summary>Rooms opened for players by the server (cohort heats, marathon steps, quick races) rather than by a host.</summary>
internal static class RoomOpening
{
    /// <summary>A new room on <paramref name="choice"/>, hosted by the player, who enters it through their player grain (leaving any other); null when none could be opened.</summary>
    public static async Task<string?> CreateFor(IGrainFactory grains, string playerId, PassageChoice choice) =>
        (await FreshCodes.Claim(RoomCode.NewCode, ErrorCodes.RoomExists, async code =>
            (await grains.GetGrain<IPlayerGrain>(playerId).EnterRoom(code, choice)).Error)).Code;
}
