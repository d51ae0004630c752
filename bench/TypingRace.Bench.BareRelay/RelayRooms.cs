using System.Collections.Concurrent;
using TypingRace.Abstractions;

namespace TypingRace.Bench.BareRelay;

/// <summary>
/// Who is in which room, and how many keys each member has sent. That count is the only state: it stands where
/// the TypingRace room has each racer's scored position, so a relayed frame carries the whole room as there.
/// </summary>
public sealed class RelayRooms
{
    /// <summary>The relay knows no races; the load generator expects this race number on every frame.</summary>
    public const int RaceNumber = 0;

    private readonly ConcurrentDictionary<string, Room> rooms = new(StringComparer.Ordinal);

    public void Join(string code, string playerId)
    {
        while (true)
        {
            var room = rooms.GetOrAdd(code, _ => new Room());
            if (room.TryJoin(playerId))
            {
                return;
            }

            // The room emptied and was dropped between the lookup and the join: take the new one.
        }
    }

    public void Leave(string code, string playerId)
    {
        if (rooms.TryGetValue(code, out var room) && room.Leave(playerId))
        {
            rooms.TryRemove(new KeyValuePair<string, Room>(code, room));
        }
    }

    /// <summary>Counts the keys of a batch and returns the frame to send to the room; null when the player is not in it.</summary>
    public ProgressFrame? Relay(string code, string playerId, KeyBatch batch, long serverTime) =>
        rooms.TryGetValue(code, out var room) && room.Count(playerId, batch) is { } racers
            ? new ProgressFrame(code, RaceNumber, serverTime, racers)
            : null;

    private sealed class Room
    {
        private readonly Lock gate = new();
        private readonly List<(string PlayerId, int Keys, long Seq)> members = [];
        private bool closed;

        public bool TryJoin(string playerId)
        {
            lock (gate)
            {
                if (!closed && !members.Exists(member => member.PlayerId == playerId))
                {
                    members.Add((playerId, 0, 0));
                }

                return !closed;
            }
        }

        /// <summary>True when the room is now empty and closed for good.</summary>
        public bool Leave(string playerId)
        {
            lock (gate)
            {
                members.RemoveAll(member => member.PlayerId == playerId);
                closed = members.Count == 0;
                return closed;
            }
        }

        /// <summary>Each racer's last batch is its seq and, as nothing is stored, its storedSeq too, as TypingRace frames carry them.</summary>
        public RacerProgress[]? Count(string playerId, KeyBatch batch)
        {
            lock (gate)
            {
                var index = members.FindIndex(member => member.PlayerId == playerId);
                if (index < 0)
                {
                    return null;
                }

                members[index] = (playerId, members[index].Keys + batch.Keys.Length, batch.Seq);
                return [.. members.Select(member => new RacerProgress(member.PlayerId, member.Keys, 0, 0, Accuracy: null, Finished: false, member.Seq, member.Seq))];
            }
        }
    }
}
