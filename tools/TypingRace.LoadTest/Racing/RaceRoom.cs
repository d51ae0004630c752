using System.Diagnostics.CodeAnalysis;

namespace TypingRace.LoadTest.Racing;

/// <summary>One room and its racers. Seated before any of them connects, and not changed after.</summary>
public sealed class RaceRoom(int index, string code)
{
    private readonly List<Racer> seats = [];
    private readonly Dictionary<string, Racer> byPlayer = new(StringComparer.Ordinal);

    /// <summary>Which room of the run this is; it decides the passages.</summary>
    public int Index => index;

    public string Code => code;

    public IReadOnlyList<Racer> Racers => seats;

    /// <summary>The first seat: on TypingRace the player who created the room.</summary>
    public Racer Host => seats[0];

    public void Seat(Racer racer)
    {
        byPlayer.Add(racer.PlayerId, racer);
        seats.Add(racer);
    }

    public bool TryGet(string playerId, [NotNullWhen(true)] out Racer? racer) => byPlayer.TryGetValue(playerId, out racer);
}
