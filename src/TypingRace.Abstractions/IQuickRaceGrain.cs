namespace TypingRace.Abstractions;

/// <summary>
/// The quick-race queue of one length class (the key: "short", "medium" or "long"): players wait in it, and it
/// starts a public race when enough are in or after a stated wait (docs/protocol.md, "Quick race").
/// </summary>
[Alias("TypingRace.IQuickRaceGrain")]
public interface IQuickRaceGrain : IGrainWithStringKey
{
    /// <param name="averageWpm">The player's recent average, for bots of their speed; null for a new player.</param>
    [Alias("Join")]
    Task<Reply<QuickRaceView>> Join(PlayerCard player, bool wantsBots, double? averageWpm);

    [Alias("Status")]
    Task<QuickRaceView> Status(string playerId);

    /// <summary>Out of the queue at once; a player already matched keeps their room.</summary>
    [Alias("Leave")]
    Task Leave(string playerId);
}

/// <summary>Where a player stands with one queue.</summary>
/// <param name="State">waiting, matched (go to <see cref="RoomCode"/>) or none (not in this queue).</param>
/// <param name="Waiting">Players in the queue now, this one included.</param>
/// <param name="StartsBy">The latest a waiting player's race starts, as things stand (more arrivals only bring it forward).</param>
[GenerateSerializer, Immutable, Alias("TypingRace.QuickRaceView")]
public sealed record QuickRaceView(
    [property: Id(0)] QuickRaceState State,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int Size,
    [property: Id(3)] string? RoomCode,
    [property: Id(4)] DateTimeOffset? StartsBy);

public enum QuickRaceState
{
    None,
    Waiting,
    Matched,
}
