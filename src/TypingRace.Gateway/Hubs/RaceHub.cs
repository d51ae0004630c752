using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Rooms;
using TypingRace.Gateway.Api;
using TypingRace.Gateway.Draining;
using TypingRace.Gateway.Limits;
using TypingRace.Gateway.Relay;

namespace TypingRace.Gateway.Hubs;

public static class RaceHubRoutes
{
    public const string Path = "/hubs/race";
}

/// <summary>
/// The room protocol of docs/protocol.md. Every action is taken as the player of the connection's token;
/// refusals reach the caller as "code: message" and change nothing.
/// </summary>
[Authorize]
public sealed partial class RaceHub(
    IGrainFactory grains,
    RoomConnections connections,
    RoomSubscriptions subscriptions,
    GatewayDrain drain,
    GatewayMetrics metrics,
    RefusalLog refusals,
    JoinLimiter joins,
    IOptions<GatewayOptions> options,
    TimeProvider clock,
    ILogger<RaceHub> logger) : Hub<IRaceClient>
{
    private const string ThrottleKey = "key-batch-throttle";

    /// <summary>Where <see cref="CodedBindingFailures"/> sends a send (no answer expected) the hub could not read.</summary>
    public const string UnreadableMethod = "unreadable-send";

    public static string GroupName(string room) => $"room:{room}";

    private string PlayerId => Context.UserIdentifier!;

    public async Task<RoomView> JoinRoom(string code)
    {
        var room = ParseCode(code);
        if (!joins.TryJoin(Context.GetHttpContext()!))
        {
            throw Refuse(JoinLimiter.HubRefusal);
        }

        // The player grain keeps the player in one room: entering this one leaves any other.
        var view = Unwrap(await grains.GetGrain<IPlayerGrain>(PlayerId).EnterRoom(room, create: null));

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(room), Context.ConnectionAborted);
        if (connections.Add(room, Context.ConnectionId, PlayerId))
        {
            await subscriptions.Subscribe(room, Context.ConnectionAborted);
        }

        return view;
    }

    public async Task LeaveRoom(string code)
    {
        var room = ParseCode(code);
        Unwrap(await grains.GetGrain<IPlayerGrain>(PlayerId).LeaveRoom(room));
        await Depart(room, memberLeft: true);
    }

    // Value arguments are nullable so that a null is refused: SignalR would otherwise pass it on as 0 or false.
    public async Task SetReady(string code, bool? ready) =>
        Unwrap(await Room(code).SetReady(PlayerId, Required(ready, nameof(ready))));

    // A null guide id is refused here: the guide catalog cannot look it up, and would fail the call without a code.
    public async Task ChoosePassage(string code, string guideId, int? paragraphIndex, string length) =>
        Unwrap(await Room(code).ChoosePassage(PlayerId, new PassageChoice(
            guideId ?? throw Refuse(ErrorCodes.BadArguments, $"'{nameof(guideId)}' may not be null."), Required(paragraphIndex, nameof(paragraphIndex)), ParseLength(length))));

    public async Task StartRace(string code) => Unwrap(await Room(code).Start(PlayerId));

    public async Task NextPassage(string code) => Unwrap(await Room(code).NextPassage(PlayerId));

    public async Task AddBot(string code, double? wpm) => Unwrap(await Room(code).AddBot(PlayerId, Required(wpm, nameof(wpm))));

    public async Task KickMember(string code, string playerId) => Unwrap(await Room(code).Kick(PlayerId, playerId));

    /// <summary>A key batch, answered with its <see cref="KeyAck"/> or its refusal.</summary>
    public async Task<KeyAck> SendKeys(string code, KeyBatch batch) => Unwrap(await Submit(nameof(SendKeys), code, batch));

    /// <summary>
    /// A key batch for clients that send it without waiting for an answer (SignalR's send): it gets none. The
    /// frames acknowledge it (each racer's seq and storedSeq), and a refusal comes as a keysRefused event.
    /// That saves the gateway one message per batch, and the client a round trip before its next batch.
    /// </summary>
    public async Task TypeKeys(string code, KeyBatch batch)
    {
        if ((await Submit(nameof(TypeKeys), code, batch)).Error is { } refused)
        {
            var error = joins.Probed(Context.GetHttpContext()!, refused);
            refusals.Note(Context, nameof(TypeKeys), error.Code);
            await Clients.Caller.KeysRefused(new KeysRefused(code ?? "", batch?.Seq ?? 0, error.Code, error.Message));
        }
    }

    /// <summary>
    /// A send whose arguments did not bind. Only TypeKeys has a way to answer a send, so a TypeKeys gets its
    /// keysRefused (with no room or seq: they could not be read); any other send is only counted. Only
    /// CodedBindingFailures reaches it: a client naming it is refused there as calling an unknown method.
    /// </summary>
    [HubMethodName(UnreadableMethod)]
    public async Task Unreadable(string method, string code, string message)
    {
        refusals.Note(Context, method, code);
        if (string.Equals(method, nameof(TypeKeys), StringComparison.OrdinalIgnoreCase))
        {
            await Clients.Caller.KeysRefused(new KeysRefused("", 0, code, message));
        }
    }

    private async Task<Reply<KeyAck>> Submit(string method, string code, KeyBatch batch)
    {
        var keys = batch?.Keys?.Length ?? 0;
        var arrivedAt = clock.GetUtcNow();
        Reply<KeyAck> reply;
        try
        {
            reply = !RoomCode.TryNormalize(code, out var room) ? new Reply<KeyAck>(null, ProtocolValues.BadRoomCode)
                : !Throttle().TryTake() ? Reply<KeyAck>.Fail(ErrorCodes.RateLimited, $"At most {options.Value.KeyBatchesPerSecond} key batches per second; wait and send the keys in one batch.")
                : await RelayTiming.Stamped(arrivedAt, () => grains.GetGrain<IRoomGrain>(room).SubmitKeys(PlayerId, batch!));
        }
        catch (Exception fault) when (ClusterFaultFilter.IsClusterFault(fault))
        {
            // Here rather than in the filter: TypeKeys has no answer to carry it, and the refusal is counted too.
            ClusterFaultFilter.LogClusterFault(logger, method, fault);
            reply = new Reply<KeyAck>(null, ClusterFaultFilter.Unavailable);
        }

        metrics.Keys(keys, reply.Error?.Code ?? GatewayMetrics.Accepted);
        return reply;
    }

    public async Task<HintReply> RequestHint(string code) => Unwrap(await Room(code).RequestHint(PlayerId));

    public override Task OnConnectedAsync()
    {
        drain.Connected();
        return base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        drain.Disconnected();
        foreach (var room in connections.RoomsOf(Context.ConnectionId))
        {
            await Depart(room, memberLeft: false);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Stops relaying a room to this connection, and tells the room when its player is gone from here.</summary>
    private async Task Depart(string room, bool memberLeft)
    {
        var departure = connections.Remove(room, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(room));
        try
        {
            if (!memberLeft && departure is { PlayerId: { } playerId, PlayerStillHere: false })
            {
                await grains.GetGrain<IRoomGrain>(room).SetConnected(playerId, false);
            }

            if (departure.RoomEmptyHere)
            {
                await subscriptions.Unsubscribe(room, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // The room notices an absent player through its idle and disconnect rules anyway.
            LogDepartFailed(logger, ex, room);
        }
    }

    private IRoomGrain Room(string code) => grains.GetGrain<IRoomGrain>(ParseCode(code));

    private static string ParseCode(string code) =>
        RoomCode.TryNormalize(code, out var room)
            ? room
            : throw Refuse(ProtocolValues.BadRoomCode);

    private static PassageLength ParseLength(string length) =>
        ProtocolValues.TryParseLength(length, out var parsed) ? parsed : throw Refuse(ProtocolValues.BadLength);

    private static T Required<T>(T? value, string name)
        where T : struct =>
        value ?? throw Refuse(ErrorCodes.BadArguments, $"'{name}' may not be null.");

    private ConnectionThrottle Throttle() =>
        ConnectionThrottle.For(Context, ThrottleKey, options.Value.KeyBatchesPerSecond, options.Value.KeyBatchBurst, clock);

    private static T Unwrap<T>(Reply<T> reply) => reply.Error is { } error ? throw Refuse(error) : reply.Value!;

    private static void Unwrap(Outcome outcome)
    {
        if (outcome.Error is { } error)
        {
            throw Refuse(error);
        }
    }

    private static HubException Refuse(RaceError error) => new(error.ToString());

    private static HubException Refuse(string code, string message) => Refuse(new RaceError(code, message));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling room {RoomCode} about a departed connection failed.")]
    private static partial void LogDepartFailed(ILogger logger, Exception exception, string roomCode);
}
