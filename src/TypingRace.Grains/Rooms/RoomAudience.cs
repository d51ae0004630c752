using Microsoft.Extensions.Logging;
using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// The gateways subscribed to one room, each with its own delivery lane: one push in flight per gateway,
/// the newest view and frame waiting behind it. A slow or dead gateway therefore never delays the others,
/// and one that stops renewing is dropped when its subscription expires.
/// </summary>
internal sealed partial class RoomAudience(TimeProvider clock, RoomOptions options, ILogger logger)
{
    private readonly Dictionary<IRoomObserver, Lane> _lanes = [];

    public int Count => _lanes.Count;

    public void Subscribe(IRoomObserver observer)
    {
        var expiresAt = clock.GetUtcNow() + options.ObserverExpiry;
        if (_lanes.TryGetValue(observer, out var lane))
        {
            lane.ExpiresAt = expiresAt;
            return;
        }

        _lanes[observer] = new Lane(observer) { ExpiresAt = expiresAt };
    }

    public void Unsubscribe(IRoomObserver observer) => _lanes.Remove(observer);

    public void DropExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (observer, lane) in _lanes.Where(pair => pair.Value.ExpiresAt <= now).ToList())
        {
            _lanes.Remove(observer);
            LogSubscriptionExpired(logger, lane.ExpiresAt);
        }
    }

    /// <summary>A new view supersedes any frame still waiting, since views are sent on phase changes.</summary>
    public void Publish(RoomView view)
    {
        foreach (var lane in _lanes.Values)
        {
            lane.PendingView = view;
            lane.PendingFrame = null;
            Pump(lane);
        }
    }

    public void Publish(ProgressFrame frame)
    {
        foreach (var lane in _lanes.Values)
        {
            lane.PendingFrame = frame;
            Pump(lane);
        }
    }

    /// <summary>Waits for the pushes in flight, for a clean deactivation.</summary>
    public Task Drain() => Task.WhenAll(_lanes.Values.Select(lane => lane.InFlight));

    private void Pump(Lane lane)
    {
        if (lane.InFlight.IsCompleted)
        {
            lane.InFlight = Deliver(lane);
        }
    }

    private async Task Deliver(Lane lane)
    {
        while (_lanes.ContainsKey(lane.Observer) && lane.TakeNext() is { } push)
        {
            try
            {
                await push(lane.Observer).WaitAsync(options.ObserverCallTimeout);
            }
            catch (Exception exception)
            {
                // A gateway that cannot take a push is gone or stuck; it resubscribes when it recovers.
                _lanes.Remove(lane.Observer);
                LogDeliveryFailed(logger, exception);
                return;
            }
        }
    }

    private sealed class Lane(IRoomObserver observer)
    {
        public IRoomObserver Observer { get; } = observer;

        public DateTimeOffset ExpiresAt { get; set; }

        public RoomView? PendingView { get; set; }

        public ProgressFrame? PendingFrame { get; set; }

        public Task InFlight { get; set; } = Task.CompletedTask;

        public Func<IRoomObserver, Task>? TakeNext()
        {
            if (PendingView is { } view)
            {
                PendingView = null;
                return target => target.OnRoomChanged(view);
            }

            if (PendingFrame is { } frame)
            {
                PendingFrame = null;
                return target => target.OnProgress(frame);
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A gateway subscription expired at {ExpiredAt}; the gateway stopped renewing it.")]
    private static partial void LogSubscriptionExpired(ILogger logger, DateTimeOffset expiredAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A push to a gateway failed; the gateway is dropped until it subscribes again.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception);
}
