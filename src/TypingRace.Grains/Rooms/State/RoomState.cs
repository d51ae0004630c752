using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms.State;

/// <summary>
/// Everything a room must not forget, as one stored record: written at every phase change and membership change.
/// The racers' keys are not here: they are appended to the key log store as they come (see docs/cluster.md).
/// </summary>
[GenerateSerializer, Alias("TypingRace.RoomState")]
public sealed class RoomState
{
    [Id(0)] public bool Created { get; set; }

    [Id(1)] public RoomPhase Phase { get; set; }

    [Id(2)] public string HostId { get; set; } = "";

    /// <summary>The passage of the current or next race; the guide's text gives the rest.</summary>
    [Id(3)] public PassageChoice Choice { get; set; } = new("", 0, default);

    [Id(4)] public int RaceNumber { get; set; }

    /// <summary>The current or last race; empty before the first.</summary>
    [Id(5)] public string RaceId { get; set; } = "";

    [Id(6)] public long JoinCounter { get; set; }

    [Id(7)] public DateTimeOffset RaceStartsAt { get; set; }

    [Id(8)] public TimeSpan RaceTimeLimit { get; set; }

    /// <summary>Outages excluded from the race clock.</summary>
    [Id(9)] public List<PauseState> Pauses { get; set; } = [];

    [Id(10)] public List<MemberState> Members { get; set; } = [];

    [Id(11)] public ResultLine[]? Results { get; set; }

    [Id(12)] public DateTimeOffset? EmptySince { get; set; }

    /// <summary>The gateways with members here, so a room brought back on another silo reaches them at once.</summary>
    [Id(13)] public List<IRoomObserver> Gateways { get; set; } = [];

    /// <summary>The last race's record until its race grain says it is filed.</summary>
    [Id(14)] public RaceCompleted? Unfiled { get; set; }

    /// <summary>When this record was last written; with the key logs, where an outage began.</summary>
    [Id(15)] public DateTimeOffset SavedAt { get; set; }

    /// <summary>The last race's record, kept while its results are on show: a room brought back on another silo
    /// hands on the results whose standings had not come back yet.</summary>
    [Id(17)] public RaceCompleted? LastRace { get; set; }

    /// <summary>Racers of the current race in the order their last key arrived: the tiebreak within a millisecond.</summary>
    [Id(16)] public List<string> Finishers { get; set; } = [];

    /// <summary>The cohort round this room's current race is a heat of; its result goes to the cohort.</summary>
    [Id(18)] public HeatRef? Heat { get; set; }

    /// <summary>The running tally of the room's races, shown in its lobby and results.</summary>
    [Id(19)] public TallyView? Tally { get; set; }
}

[GenerateSerializer, Immutable, Alias("TypingRace.PauseState")]
public sealed record PauseState([property: Id(0)] DateTimeOffset From, [property: Id(1)] TimeSpan Length);

/// <summary>One member of a room. A racer's keys live in the key log; this is who they are and what they are doing.</summary>
[GenerateSerializer, Alias("TypingRace.MemberState")]
public sealed class MemberState
{
    [Id(0)] public string PlayerId { get; set; } = "";

    [Id(1)] public string Name { get; set; } = "";

    [Id(2)] public bool IsBot { get; set; }

    /// <summary>The bot's target speed; null for people.</summary>
    [Id(3)] public double? BotWpm { get; set; }

    /// <summary>Where the bot's keys in this race come from, so it types the same keys after a failover.</summary>
    [Id(4)] public int BotSeed { get; set; }

    [Id(5)] public long JoinOrder { get; set; }

    [Id(6)] public MemberRole Role { get; set; } = MemberRole.Racer;

    [Id(7)] public bool Ready { get; set; }

    [Id(8)] public bool Connected { get; set; } = true;

    [Id(9)] public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>On the race clock while racing, so an outage does not make anyone idle.</summary>
    [Id(10)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>Whether the member has a key log in the current race: racing, finished or gone idle.</summary>
    [Id(11)] public bool InRace { get; set; }

    /// <summary>The stored run a ghost plays; null for people and bots.</summary>
    [Id(12)] public GhostState? Ghost { get; set; }

    /// <summary>In this race, but typed nothing for the idle limit: watches the rest, and keeps a result with their progress.</summary>
    [Id(13)] public bool WentIdle { get; set; }

    /// <summary>Neither a bot nor a ghost: someone who hosts, gets ready, and has a history and boards.</summary>
    public bool IsPerson => !IsBot && Ghost is null;

    /// <summary>A ghost's name says whose run it is; the tag that tells people apart would only add noise.</summary>
    public string Tag => Ghost is null ? Engine.Players.PlayerName.TagOf(PlayerId) : "";

    public MemberView ToView() => new(PlayerId, Name, Tag, Role, Ready, Connected, IsBot, Ghost is not null);
}

/// <summary>
/// A ghost's run: where it comes from, and its keys at their race times (<see cref="Engine.Races.GhostRuns.Encode"/>),
/// kept with the room so a room brought back on another silo plays it on.
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.GhostState")]
public sealed record GhostState(
    [property: Id(0)] string SourceRaceId,
    [property: Id(1)] string SourcePlayerId,
    [property: Id(2)] byte[] Keys);
