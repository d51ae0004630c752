namespace TypingRace.Gateway.Relay;

/// <summary>
/// Which of this gateway's connections are in which room, as player ids. One instance per gateway, never static,
/// so two gateways in one process behave like two machines.
/// </summary>
public sealed class RoomConnections
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, string>> _playersByConnectionByRoom = [];
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = [];

    /// <summary>Adds a connection to a room; true when it is the first connection of this gateway in that room.</summary>
    public bool Add(string room, string connectionId, string playerId)
    {
        lock (_lock)
        {
            var isNewRoom = !_playersByConnectionByRoom.TryGetValue(room, out var connections);
            if (connections is null)
            {
                connections = [];
                _playersByConnectionByRoom[room] = connections;
            }

            connections[connectionId] = playerId;
            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms = [];
                _roomsByConnection[connectionId] = rooms;
            }

            rooms.Add(room);
            return isNewRoom;
        }
    }

    /// <summary>Removes a connection from one room and says what that leaves behind.</summary>
    public Departure Remove(string room, string connectionId)
    {
        lock (_lock)
        {
            if (!_playersByConnectionByRoom.TryGetValue(room, out var connections) || !connections.Remove(connectionId, out var playerId))
            {
                return new Departure(room, null, PlayerStillHere: false, RoomEmptyHere: false);
            }

            if (_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms.Remove(room);
                if (rooms.Count == 0)
                {
                    _roomsByConnection.Remove(connectionId);
                }
            }

            var playerStillHere = connections.ContainsValue(playerId);
            var roomEmpty = connections.Count == 0;
            if (roomEmpty)
            {
                _playersByConnectionByRoom.Remove(room);
            }

            return new Departure(room, playerId, playerStillHere, roomEmpty);
        }
    }

    public IReadOnlyList<string> RoomsOf(string connectionId)
    {
        lock (_lock)
        {
            return _roomsByConnection.TryGetValue(connectionId, out var rooms) ? [.. rooms] : [];
        }
    }

    public IReadOnlyList<string> Rooms()
    {
        lock (_lock)
        {
            return [.. _playersByConnectionByRoom.Keys];
        }
    }

    /// <summary>This gateway's connections in a room whose player is not among <paramref name="members"/>.</summary>
    public IReadOnlyList<string> ConnectionsOfNonMembers(string room, IReadOnlySet<string> members)
    {
        lock (_lock)
        {
            return _playersByConnectionByRoom.TryGetValue(room, out var connections)
                ? [.. connections.Where(pair => !members.Contains(pair.Value)).Select(pair => pair.Key)]
                : [];
        }
    }
}

/// <param name="PlayerId">The player of the removed connection, or null if it was not in the room.</param>
/// <param name="PlayerStillHere">The player has another connection to the room on this gateway.</param>
/// <param name="RoomEmptyHere">This gateway has no connection left in the room.</param>
public readonly record struct Departure(string Room, string? PlayerId, bool PlayerStillHere, bool RoomEmptyHere);
