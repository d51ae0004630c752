using Microsoft.Extensions.Logging;
using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// The gateways subscribed to one room. A gateway that stops renewing is dropped when its subscription expires;
/// the silo's <see cref="GatewayOutbox"/> carries what the room publishes to those still here.
/// </summary>
internal sealed partial class RoomAudience(string code, GatewayOutbox outbox, TimeProvider clock, RoomOptions options, ILogger logger)
{
    private readonly Dictionary<IRoomObserver, DateTimeOffset> _expiries = [];

    // Gateways that were subscribed here at some point since activation, lapsed ones included.
    private readonly HashSet<IRoomObserver> _seen = [];

    public int Count => _expiries.Count;

    /// <summary>
    /// Subscribes or renews. True when the gateway may have missed updates of this room: its subscription had lapsed
    /// (it was too slow to renew), or a push to it failed since. A first subscription is not: it comes with a join,
    /// whose answer is the room's view.
    /// </summary>
    public bool Subscribe(IRoomObserver observer)
    {
        var lapsed = !_expiries.ContainsKey(observer) && !_seen.Add(observer);
        _expiries[observer] = clock.GetUtcNow() + options.ObserverExpiry;
        return outbox.Readmit(observer, code) || lapsed;
    }

    /// <summary>The room's view for one gateway only: one that missed updates catches up.</summary>
    public void Resend(IRoomObserver observer, RoomView view) => outbox.Publish([observer], view);

    public void Unsubscribe(IRoomObserver observer)
    {
        _expiries.Remove(observer);
        _seen.Remove(observer);
    }

    /// <summary>Drops the subscriptions that were not renewed in time, and returns their gateways.</summary>
    public List<IRoomObserver> DropExpired()
    {
        var now = clock.GetUtcNow();
        var lapsed = _expiries.Where(pair => pair.Value <= now).ToList();
        foreach (var (observer, expiredAt) in lapsed)
        {
            _expiries.Remove(observer);
            LogSubscriptionExpired(logger, expiredAt);
        }

        return [.. lapsed.Select(pair => pair.Key)];
    }

    public void Publish(RoomView view) => outbox.Publish(_expiries.Keys, view);

    public void Publish(ProgressFrame frame, long keysArrivedAt) => outbox.Publish(_expiries.Keys, frame, keysArrivedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "A gateway subscription expired at {ExpiredAt}; the gateway stopped renewing it.")]
    private static partial void LogSubscriptionExpired(ILogger logger, DateTimeOffset expiredAt);
}
