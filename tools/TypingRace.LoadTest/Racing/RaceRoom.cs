using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TypingRace.LoadTest.Racing;

/// <summary>One room and its racers. Seated before any of them connects, and not changed after.</summary>
public sealed class RaceRoom(int index, string code)
{
    private readonly List<Racer> seats = [];
    private readonly Dictionary<string, Racer> byPlayer = new(StringComparer.Ordinal);
    private readonly List<(byte[] Id, Racer Racer)> byUtf8Id = [];

    /// <summary>Which room of the run this is; it decides the passages.</summary>
    public int Index => index;

    public string Code => code;

    public IReadOnlyList<Racer> Racers => seats;

    /// <summary>The first seat: on TypingRace the player who created the room.</summary>
    public Racer Host => seats[0];

    public void Seat(Racer racer)
    {
        byPlayer.Add(racer.PlayerId, racer);
        byUtf8Id.Add((Encoding.UTF8.GetBytes(racer.PlayerId), racer));
        seats.Add(racer);
    }

    public bool TryGet(string playerId, [NotNullWhen(true)] out Racer? racer) => byPlayer.TryGetValue(playerId, out racer);

    /// <summary>The racer of a player id as a frame's JSON spells it; a room has a handful, so a scan beats hashing.</summary>
    public Racer? Find(ReadOnlySpan<byte> utf8PlayerId)
    {
        foreach (var (id, racer) in byUtf8Id)
        {
            if (utf8PlayerId.SequenceEqual(id))
            {
                return racer;
            }
        }

        return null;
    }
}
