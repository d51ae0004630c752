using Orleans.Concurrency;

namespace TypingRace.Abstractions;

/// <summary>
/// One race room, keyed by its join code. It owns the lobby, the countdown, the race and its results,
/// and pushes coalesced updates to the gateways that subscribed to it.
/// </summary>
[Alias("TypingRace.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<Reply<RoomView>> Create(PlayerCard host, PassageChoice choice);

    [Alias("Join")]
    Task<Reply<RoomView>> Join(PlayerCard player);

    [Alias("Leave")]
    Task<Outcome> Leave(string playerId);

    [Alias("SetConnected")]
    Task SetConnected(string playerId, bool connected);

    [Alias("SetReady")]
    Task<Outcome> SetReady(string playerId, bool ready);

    [Alias("ChoosePassage")]
    Task<Outcome> ChoosePassage(string playerId, PassageChoice choice);

    [Alias("Start")]
    Task<Outcome> Start(string playerId);

    [Alias("NextPassage")]
    Task<Outcome> NextPassage(string playerId);

    /// <summary>
    /// The host seats ghosts of stored runs of the room's passage, in the lobby; remove one with <see cref="Kick"/>.
    /// All or none: refused if any is of another passage or they do not all fit.
    /// </summary>
    [Alias("AddGhosts")]
    Task<Outcome> AddGhosts(string hostId, GhostRun[] ghosts);

    /// <summary>The host adds a bot that types at <paramref name="wpm"/>; remove it with <see cref="Kick"/>.</summary>
    [Alias("AddBot")]
    Task<Outcome> AddBot(string hostId, double wpm);

    [Alias("Kick")]
    Task<Outcome> Kick(string hostId, string targetId);

    /// <summary>Starts the race as a heat of a cohort round, at <paramref name="startsAt"/> on the server clock, with no host's say.</summary>
    [Alias("StartHeat")]
    Task<Outcome> StartHeat(HeatRef heat, DateTimeOffset startsAt);

    /// <summary>Ends the heat's race now, when its round is aborted; its result goes to no cohort.</summary>
    [Alias("AbortHeat")]
    Task AbortHeat(HeatRef heat);

    /// <summary>The race as it stands (every racer's progress); null in the lobby.</summary>
    [Alias("GetProgress")]
    Task<HeatProgress?> GetProgress();

    /// <summary>The cohort has the heat's race: the room stops sending it.</summary>
    [OneWay, Alias("HeatRecorded")]
    Task HeatRecorded(HeatRef heat);

    [Alias("SubmitKeys")]
    Task<Reply<KeyAck>> SubmitKeys(string playerId, KeyBatch batch);

    [Alias("RequestHint")]
    Task<Reply<HintReply>> RequestHint(string playerId);

    /// <summary>
    /// A player grain reports that it recorded its result of <paramref name="raceId"/>; the room shows the standing if
    /// those results are still on show, and sends the next result for recording. Null: nothing was recorded.
    /// </summary>
    [Alias("ShowStanding")]
    Task ShowStanding(string raceId, string playerId, ResultStanding? standing);

    /// <summary>The race grain stored the race's record: the room stops filing it.</summary>
    [OneWay, Alias("RaceFiled")]
    Task RaceFiled(string raceId);

    /// <summary>The public view, or null when no room has this code.</summary>
    [AlwaysInterleave, Alias("GetView")]
    Task<RoomView?> GetView();

    /// <summary>Subscribes a gateway, or renews its subscription; it lapses after the configured expiry.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IRoomObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IRoomObserver observer);

    /// <summary>How many gateways receive this room's updates right now.</summary>
    [AlwaysInterleave, Alias("GetSubscriberCount")]
    Task<int> GetSubscriberCount();
}

/// <summary>Who is joining: the id, the current name and whether a bot types for them.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.PlayerCard")]
public sealed record PlayerCard(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool IsBot = false);

/// <summary>Implemented once per gateway; receives the updates of every room that gateway has members in.</summary>
[Alias("TypingRace.IRoomObserver")]
public interface IRoomObserver : IGrainObserver
{
    /// <summary>
    /// What changed in some rooms since the previous call from the same silo: a silo sends each gateway one call
    /// at a time, holding every room's newest view and frame, rather than one call per room and tick.
    /// </summary>
    [Alias("OnUpdates")]
    Task OnUpdates(RoomUpdate[] updates);
}
