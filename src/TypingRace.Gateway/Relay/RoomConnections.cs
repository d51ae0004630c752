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

    // Per room: connections whose player a relayed view has shown as a member, and the newest view's server time.
    private readonly Dictionary<string, HashSet<string>> _shownByRoom = [];
    private readonly Dictionary<string, long> _newestViewByRoom = [];

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
            _shownByRoom.GetValueOrDefault(room)?.Remove(connectionId);
            if (roomEmpty)
            {
                _playersByConnectionByRoom.Remove(room);
                _shownByRoom.Remove(room);
                _newestViewByRoom.Remove(room);
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

    /// <summary>
    /// This gateway's connections in a room whose player a view of <paramref name="serverTime"/> no longer lists among
    /// its <paramref name="members"/>: kicked or removed. Only a player an earlier view showed as a member can be
    /// dropped, and only by a view no older than the newest seen, so a view that was on its way while someone joined
    /// never takes the newcomer out of the room.
    /// </summary>
    public IReadOnlyList<string> DepartedMembers(string room, IReadOnlySet<string> members, long serverTime)
    {
        lock (_lock)
        {
            if (!_playersByConnectionByRoom.TryGetValue(room, out var connections) || serverTime < _newestViewByRoom.GetValueOrDefault(room, long.MinValue))
            {
                return [];
            }

            _newestViewByRoom[room] = serverTime;
            if (!_shownByRoom.TryGetValue(room, out var shown))
            {
                _shownByRoom[room] = shown = [];
            }

            var departed = new List<string>();
            foreach (var (connectionId, playerId) in connections)
            {
                if (members.Contains(playerId))
                {
                    shown.Add(connectionId);
                }
                else if (shown.Contains(connectionId))
                {
                    departed.Add(connectionId);
                }
            }

            return departed;
        }
    }
}

/// <param name="PlayerId">The player of the removed connection, or null if it was not in the room.</param>
/// <param name="PlayerStillHere">The player has another connection to the room on this gateway.</param>
/// <param name="RoomEmptyHere">This gateway has no connection left in the room.</param>
public readonly record struct Departure(string Room, string? PlayerId, bool PlayerStillHere, bool RoomEmptyHere);
