using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Relay;

/// <summary>
/// Keeps this gateway subscribed to every room it has connections in: once when the first connection joins,
/// then renewed on a timer, because a room drops gateways that stop renewing.
/// </summary>
public sealed partial class RoomSubscriptions(
    IGrainFactory grains,
    RoomRelay relay,
    RoomConnections connections,
    IOptions<RelayOptions> options,
    ILogger<RoomSubscriptions> logger) : BackgroundService
{
    // One reference for the gateway's life, made once even when a join and a renewal ask for it together: two
    // would be two subscribers to a room, and the gateway would get every update twice.
    private readonly Lazy<IRoomObserver> _reference = new(() => grains.CreateObjectReference<IRoomObserver>(relay));

    private IRoomObserver Reference => _reference.Value;

    public Task Subscribe(string room, CancellationToken cancellationToken) =>
        grains.GetGrain<IRoomGrain>(room).Subscribe(Reference).WaitAsync(options.Value.CallTimeout, cancellationToken);

    public Task Unsubscribe(string room, CancellationToken cancellationToken) =>
        grains.GetGrain<IRoomGrain>(room).Unsubscribe(Reference).WaitAsync(options.Value.CallTimeout, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RenewInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.WhenAll(connections.Rooms().Select(room => Renew(room, stoppingToken)));
        }
    }

    private async Task Renew(string room, CancellationToken cancellationToken)
    {
        try
        {
            await Subscribe(room, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogRenewFailed(logger, exception, room);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to room {RoomCode} failed; retrying on the next tick.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string roomCode);
}
