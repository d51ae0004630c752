using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// This silo's pushes to the gateways: one lane per gateway, shared by every room of the silo. A lane has one call
/// in flight; what the rooms publish meanwhile waits in it, the newest view and frame per room, and goes out as
/// the next call. So a busy gateway gets one call per round trip instead of one per room and tick, and a slow or
/// dead gateway delays no other.
/// </summary>
public sealed partial class GatewayOutbox : IAsyncDisposable
{
    public const string MeterName = "TypingRace.Rooms";

    private readonly IOptions<RoomOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<GatewayOutbox> _logger;
    private readonly Counter<long> _pushes;
    private readonly Counter<long> _updates;
    private readonly Counter<long> _failures;
    private readonly Lock _lock = new();

    // A lane is here exactly while its delivery loop runs: the loop removes it, under the lock, when it runs dry.
    private readonly Dictionary<IRoomObserver, Lane> _lanes = [];

    // Gateways whose push failed, and when: skipped until they subscribe to some room again. One that never does is
    // forgotten once its subscriptions have lapsed everywhere, so gateways that come and go do not pile up here.
    private readonly Dictionary<IRoomObserver, DateTimeOffset> _failed = [];

    // For each failed gateway, the rooms whose updates it missed (the failed call's and those skipped since): each
    // sends it its view again when it renews there (see Readmit), so no phase change is lost for good.
    private readonly Dictionary<IRoomObserver, HashSet<string>> _missed = [];
    private bool _closed;

    public GatewayOutbox(IOptions<RoomOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<GatewayOutbox> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        _pushes = meter.CreateCounter<long>("typingrace.rooms.gateway_pushes", "{call}", "Calls from this silo to gateways");
        _updates = meter.CreateCounter<long>("typingrace.rooms.room_updates", "{update}", "Room views and frames those calls carried");
        _failures = meter.CreateCounter<long>("typingrace.rooms.gateway_push_failures", "{call}", "Calls to gateways that failed or timed out");
    }

    /// <summary>
    /// A new view supersedes the frame still waiting for that room, unless the view shows that frame's race still
    /// running (a member came or went): then the frame follows it, as it may be the only acknowledgement of a
    /// racer's keys (TypeKeys, docs/protocol.md).
    /// </summary>
    public void Publish(IEnumerable<IRoomObserver> gateways, RoomView view) =>
        Enqueue(gateways, view.Code, waiting => waiting?.Frame is { } frame && view.Phase == RoomPhase.Racing && frame.RaceNumber == view.RaceNumber
            ? waiting with { View = view }
            : new RoomUpdate(view.Code, view, Frame: null));

    /// <summary>A frame replaces the one still waiting, and keeps the older arrival time of their keys.</summary>
    public void Publish(IEnumerable<IRoomObserver> gateways, ProgressFrame frame, long keysArrivedAt = 0) =>
        Enqueue(gateways, frame.Code, waiting => waiting is null
            ? new RoomUpdate(frame.Code, View: null, frame, keysArrivedAt)
            : waiting with { Frame = frame, KeysArrivedAt = RelayTiming.Oldest(waiting.KeysArrivedAt, keysArrivedAt) });

    /// <summary>
    /// A gateway that subscribes again to room <paramref name="code"/> after a failed push is served again. True when
    /// it missed updates of that room meanwhile: the room should send it its view now.
    /// </summary>
    public bool Readmit(IRoomObserver gateway, string code)
    {
        lock (_lock)
        {
            _failed.Remove(gateway);
            if (!_missed.TryGetValue(gateway, out var rooms) || !rooms.Remove(code))
            {
                return false;
            }

            if (rooms.Count == 0)
            {
                _missed.Remove(gateway);
            }

            return true;
        }
    }

    /// <summary>Sends what is waiting and waits for it; every call is bounded by <see cref="RoomOptions.ObserverCallTimeout"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] deliveries;
        lock (_lock)
        {
            _closed = true;
            deliveries = [.. _lanes.Values.Select(lane => lane.Delivering)];
        }

        await Task.WhenAll(deliveries);
    }

    private void Enqueue(IEnumerable<IRoomObserver> gateways, string code, Func<RoomUpdate?, RoomUpdate> merge)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            foreach (var gateway in gateways)
            {
                if (_failed.ContainsKey(gateway))
                {
                    Missed(gateway, code);
                    continue;
                }

                if (_lanes.TryGetValue(gateway, out var lane))
                {
                    lane.Waiting[code] = merge(lane.Waiting.GetValueOrDefault(code));
                    continue;
                }

                lane = new Lane(gateway);
                lane.Waiting[code] = merge(null);
                _lanes[gateway] = lane;

                // Off the publishing room's scheduler: the loop serves every room of the silo, not the one that started it.
                lane.Delivering = Task.Run(() => Deliver(lane));
            }
        }
    }

    private async Task Deliver(Lane lane)
    {
        while (TakeWaiting(lane) is { } updates)
        {
            _pushes.Add(1);
            _updates.Add(updates.Length);
            try
            {
                await lane.Gateway.OnUpdates(updates).WaitAsync(_options.Value.ObserverCallTimeout);
            }
            catch (Exception exception)
            {
                // A gateway that cannot take a push is gone or stuck. It renews its subscriptions while it lives,
                // and the first renewal after it recovers readmits it; one that is gone lets them lapse.
                Fail(lane, updates);
                LogDeliveryFailed(_logger, exception, updates.Length);
                return;
            }
        }
    }

    private RoomUpdate[]? TakeWaiting(Lane lane)
    {
        lock (_lock)
        {
            if (lane.Waiting.Count == 0)
            {
                _lanes.Remove(lane.Gateway);
                return null;
            }

            RoomUpdate[] updates = [.. lane.Waiting.Values];
            lane.Waiting.Clear();
            return updates;
        }
    }

    private void Fail(Lane lane, RoomUpdate[] lost)
    {
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            _lanes.Remove(lane.Gateway);
            foreach (var lapsed in _failed.Where(failed => failed.Value + _options.Value.ObserverExpiry <= now).Select(failed => failed.Key).ToList())
            {
                _failed.Remove(lapsed);
                _missed.Remove(lapsed);
            }

            _failed[lane.Gateway] = now;
            foreach (var code in lost.Select(update => update.Code).Concat(lane.Waiting.Keys))
            {
                Missed(lane.Gateway, code);
            }
        }

        _failures.Add(1);
    }

    /// <summary>Under the lock.</summary>
    private void Missed(IRoomObserver gateway, string code)
    {
        if (!_missed.TryGetValue(gateway, out var rooms))
        {
            _missed[gateway] = rooms = new HashSet<string>(StringComparer.Ordinal);
        }

        rooms.Add(code);
    }

    private sealed class Lane(IRoomObserver gateway)
    {
        public IRoomObserver Gateway { get; } = gateway;

        /// <summary>By room code; a room's entry is replaced or merged, never queued behind an older one.</summary>
        public Dictionary<string, RoomUpdate> Waiting { get; } = new(StringComparer.Ordinal);

        public Task Delivering { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push of {Rooms} room updates to a gateway failed; the gateway is skipped until it subscribes again.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, int rooms);
}
