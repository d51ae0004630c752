using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Races;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms.Rules;

/// <summary>
/// The decisions of a room, as plain code over its stored record: who may join, race, start, host and stay.
/// No Orleans here; the grain asks, then persists and publishes what changed.
/// </summary>
public sealed class RoomRules(RoomOptions options)
{
    public static RaceError NotInRoom { get; } = new(ErrorCodes.NotInRoom, "You are not a member of this room.");

    private static readonly RaceError NoSuchRoom = new(ErrorCodes.RoomNotFound, "No room has this code.");

    /// <summary>Why someone who is not a member may not act here: the room may not exist at all.</summary>
    public static RaceError NotAMember(RoomState room) => room.Created ? NotInRoom : NoSuchRoom;

    public static MemberState? Find(RoomState room, string playerId) => room.Members.Find(member => member.PlayerId == playerId);

    public static IEnumerable<MemberState> Racers(RoomState room) => room.Members.Where(member => member.InRace);

    public static RaceClock Clock(RoomState room) =>
        new(room.RaceStartsAt, room.RaceTimeLimit, [.. room.Pauses.Select(pause => new ClockPause(pause.From, pause.Length))]);

    public static RaceError? Exists(RoomState room, string code) =>
        room.Created ? null : new RaceError(ErrorCodes.RoomNotFound, $"No room has the code {code}.");

    public RaceError? RoomFull(RoomState room, string code) =>
        room.Members.Count >= options.MaxMembers
            ? new RaceError(ErrorCodes.RoomFull, $"The room {code} already has {room.Members.Count} members.")
            : null;

    public static RaceError? HostCheck(RoomState room, string playerId) =>
        Find(room, playerId) is null ? NotAMember(room)
        : playerId != room.HostId ? new RaceError(ErrorCodes.NotHost, "Only the host can do that.")
        : null;

    public static RaceError? RaceCheck(RoomState room) =>
        room.Phase is RoomPhase.Countdown or RoomPhase.Racing
            ? new RaceError(ErrorCodes.RaceInProgress, "Not while a race is counting down or running.")
            : null;

    /// <summary>
    /// Seats a newcomer (a racer in the lobby or results, a spectator once a race is under way), or marks a returning
    /// member connected. Returns the member and whether they are new.
    /// </summary>
    public (MemberState? Member, bool IsNew, RaceError? Error) Join(RoomState room, string code, PlayerCard player, DateTimeOffset now)
    {
        if (Exists(room, code) is { } missing)
        {
            return (null, false, missing);
        }

        room.EmptySince = null;
        if (Find(room, player.PlayerId) is { } member)
        {
            member.Connected = true;
            member.DisconnectedAt = null;
            TakeOverFromPseudoHost(room, member);
            return (member, false, null);
        }

        if (RoomFull(room, code) is { } full)
        {
            return (null, false, full);
        }

        member = new MemberState
        {
            PlayerId = player.PlayerId,
            Name = player.Name,
            JoinOrder = ++room.JoinCounter,
            Role = room.Phase is RoomPhase.Countdown or RoomPhase.Racing ? MemberRole.Spectator : MemberRole.Racer,
            LastActivityAt = now,
        };
        room.Members.Add(member);
        TakeOverFromPseudoHost(room, member);
        return (member, true, null);
    }

    /// <summary>A room whose people all left is hosted by a bot or a ghost; the first person back hosts it again.</summary>
    private static void TakeOverFromPseudoHost(RoomState room, MemberState person)
    {
        if (Find(room, room.HostId) is not { IsPerson: true })
        {
            room.HostId = person.PlayerId;
        }
    }

    public (MemberState? Bot, RaceError? Error) AddBot(RoomState room, string code, string hostId, double wpm, string botId, DateTimeOffset now)
    {
        if ((HostCheck(room, hostId) ?? RaceCheck(room)) is { } error)
        {
            return (null, error);
        }

        if (!BotStyle.TryCreate(wpm, options.BotErrorRate, out _, out var problem))
        {
            return (null, new RaceError(ErrorCodes.BadBot, problem));
        }

        if (RoomFull(room, code) is { } full)
        {
            return (null, full);
        }

        var bot = new MemberState
        {
            PlayerId = botId,
            Name = $"Bot {wpm:0}",
            IsBot = true,
            BotWpm = wpm,
            JoinOrder = ++room.JoinCounter,
            Ready = true,
            LastActivityAt = now,
        };
        room.Members.Add(bot);
        return (bot, null);
    }

    /// <summary>
    /// Seats ghosts of stored runs, all or none: only the host, only between races, only runs of the room's passage
    /// (<paramref name="firstParagraphId"/> says it is the same text), and only as many as there are seats.
    /// </summary>
    public (List<MemberState> Ghosts, RaceError? Error) AddGhosts(
        RoomState room, string code, string hostId, IReadOnlyList<GhostRun> runs, string firstParagraphId, Func<string> newId, DateTimeOffset now)
    {
        if ((HostCheck(room, hostId) ?? RaceCheck(room)) is { } error)
        {
            return ([], error);
        }

        if (runs.FirstOrDefault(run => run.Passage != room.Choice || run.FirstParagraphId != firstParagraphId) is { } other)
        {
            return ([], new RaceError(ErrorCodes.GhostWrongPassage, $"{other.Name} ran another passage than the one this room races."));
        }

        if (room.Members.Count + runs.Count > options.MaxMembers)
        {
            return ([], new RaceError(ErrorCodes.RoomFull,
                $"The room {code} has {room.Members.Count} of {options.MaxMembers} seats taken: no room for {runs.Count} more."));
        }

        var ghosts = runs.Select(run => new MemberState
        {
            PlayerId = newId(),
            Name = run.Name,
            JoinOrder = ++room.JoinCounter,
            Ready = true,
            LastActivityAt = now,
            Ghost = new GhostState(run.RaceId, run.PlayerId, run.Keys),
        }).ToList();
        room.Members.AddRange(ghosts);
        return (ghosts, null);
    }

    /// <summary>Ghosts run one passage: a room that moves to another lets them go.</summary>
    public static void DropGhosts(RoomState room) => room.Members.RemoveAll(member => member.Ghost is not null);

    public BotStyle? BotStyleOf(MemberState member) =>
        member.BotWpm is { } wpm && BotStyle.TryCreate(wpm, options.BotErrorRate, out var style, out _) ? style : null;

    /// <summary>Takes the member out; the host's role passes to the longest-standing person, or to a bot if none is left.</summary>
    public static void Remove(RoomState room, MemberState member)
    {
        room.Members.Remove(member);
        if (member.PlayerId == room.HostId && room.Members.Count > 0)
        {
            room.HostId = (room.Members.Find(m => m.IsPerson) ?? room.Members[0]).PlayerId;
        }
    }

    /// <summary>Starts the countdown: everyone connected races, the rest watch.</summary>
    public RaceError? Start(RoomState room, string hostId, DateTimeOffset now, string raceId, Func<int> seeds) =>
        HostCheck(room, hostId) ?? StartAt(room, now + options.Countdown, raceId, seeds);

    /// <summary>
    /// Starts the race at <paramref name="startsAt"/>, with no host to ask: a cohort's heats start together on the
    /// server clock when the instructor starts the round.
    /// </summary>
    public RaceError? StartAt(RoomState room, DateTimeOffset startsAt, string raceId, Func<int> seeds)
    {
        if (RaceCheck(room) is { } error)
        {
            return error;
        }

        room.RaceNumber++;
        room.RaceId = raceId;
        room.RaceStartsAt = startsAt;
        room.RaceTimeLimit = options.RaceTimeLimit;
        room.Pauses = [];
        room.Finishers = [];
        room.Results = null;
        room.Phase = RoomPhase.Countdown;
        foreach (var member in room.Members)
        {
            // Whoever watched the last race, or joined during it, races in this one if they are here.
            member.Role = member.Connected ? MemberRole.Racer : MemberRole.Spectator;
            member.InRace = member.Role == MemberRole.Racer;
            member.WentIdle = false;
            // Ready was for this race; in its results it would read as ready for the next one.
            member.Ready = !member.IsPerson;
            member.LastActivityAt = room.RaceStartsAt;
            member.BotSeed = member.IsBot ? seeds() : 0;
        }

        return null;
    }

    /// <summary>Refuses keys and hints from anyone who is not racing right now, saying why.</summary>
    public static RaceError? RacingRefusal(RoomState room, MemberState? member, bool finished) =>
        member is null ? NotAMember(room)
        : room.Phase switch
        {
            RoomPhase.Lobby => new RaceError(ErrorCodes.RaceNotStarted, "The race has not started yet."),
            _ when !member.InRace && room.Phase != RoomPhase.Results =>
                new RaceError(ErrorCodes.NotRacing, "You are watching this race; you will race in the next one."),
            _ when member.WentIdle && room.Phase != RoomPhase.Results =>
                new RaceError(ErrorCodes.NotRacing, "You were idle too long and now watch this race; you will race in the next one."),
            RoomPhase.Countdown => new RaceError(ErrorCodes.RaceNotStarted, "The race has not started yet."),
            RoomPhase.Results => new RaceError(ErrorCodes.RaceOver, "The race is over."),
            _ when finished => new RaceError(ErrorCodes.RaceOver, "You have finished this race."),
            _ => null,
        };

    /// <summary>The countdown is over: the race is on.</summary>
    public static bool CountdownOver(RoomState room, DateTimeOffset now) =>
        room.Phase == RoomPhase.Countdown && Clock(room).Elapsed(now) >= TimeSpan.Zero;

    /// <summary>
    /// A room comes back after its silo died: the time from the last thing known to be stored to now is taken off
    /// the race clock, and a countdown that ran out meanwhile is a race under way (the record may not have said so yet).
    /// </summary>
    public static TimeSpan ResumeAfterOutage(RoomState room, DateTimeOffset lastStored, DateTimeOffset now)
    {
        var from = lastStored > room.RaceStartsAt ? lastStored : room.RaceStartsAt;
        var outage = now > from ? now - from : TimeSpan.Zero;
        if (outage > TimeSpan.Zero)
        {
            room.Pauses.Add(new PauseState(from, outage));
        }

        if (CountdownOver(room, now))
        {
            room.Phase = RoomPhase.Racing;
        }

        return outage;
    }

    public static bool TimeUp(RoomState room, DateTimeOffset now) => room.Phase == RoomPhase.Racing && now >= Clock(room).EndsAt;

    /// <summary>
    /// Racers who typed nothing for the idle limit, on the race clock; they watch the rest of the race, and keep their
    /// place in its results with the progress they made.
    /// </summary>
    public List<MemberState> TakeIdleRacers(RoomState room, DateTimeOffset now, Func<MemberState, bool> racing)
    {
        var raceNow = Clock(room).RaceTime(now);
        var idle = Racers(room).Where(racer => !racer.WentIdle && racing(racer) && raceNow - racer.LastActivityAt >= options.IdleLimit).ToList();
        foreach (var racer in idle)
        {
            racer.WentIdle = true;
            racer.Role = MemberRole.Spectator;
        }

        return idle;
    }

    /// <summary>
    /// A racer typed at <paramref name="typedAt"/> (a stored key's arrival). The room record keeps their last activity
    /// only as of its last write, so a room back after an outage reads it from their last stored key: nobody who was
    /// typing when the silo went is idle on its return.
    /// </summary>
    public static void TypedAt(RoomState room, MemberState racer, DateTimeOffset typedAt)
    {
        var raceTime = Clock(room).RaceTime(typedAt);
        if (raceTime > racer.LastActivityAt)
        {
            racer.LastActivityAt = raceTime;
        }
    }

    /// <summary>A race is over once nobody in it is still typing.</summary>
    public static bool EveryoneDone(RoomState room, Func<MemberState, bool> racing) =>
        room.Phase == RoomPhase.Racing && !Racers(room).Any(racing);

    public static void BackToLobby(RoomState room)
    {
        room.Phase = RoomPhase.Lobby;
        room.Results = null;
        room.LastRace = null;
        foreach (var member in room.Members)
        {
            // Bots and ghosts are always ready; people say so again for each race.
            member.Ready = !member.IsPerson;
            member.InRace = false;
            member.WentIdle = false;
        }
    }

    /// <summary>Members whose connections dropped longer ago than the grace; only between races.</summary>
    public List<MemberState> GoneTooLong(RoomState room, DateTimeOffset now) =>
        room.Phase is RoomPhase.Lobby or RoomPhase.Results
            ? room.Members.Where(m => m.DisconnectedAt is { } at && now - at >= options.DisconnectGrace).ToList()
            : [];

    /// <summary>Whether a room with no connected person has been empty for the expiry.</summary>
    public bool Expired(RoomState room, DateTimeOffset now)
    {
        if (room.Members.Any(member => member.Connected && member.IsPerson))
        {
            room.EmptySince = null;
            return false;
        }

        room.EmptySince ??= now;
        return now - room.EmptySince >= options.EmptyRoomExpiry;
    }
}
