using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Relay;

/// <summary>
/// This gateway's one observer of the rooms its connections are in. Each room update is sent to the room's
/// SignalR group, so it is serialised once per protocol, not once per member.
/// </summary>
public sealed partial class RoomRelay(
    IHubContext<RaceHub, IRaceClient> hub,
    RoomConnections connections,
    GatewayMetrics metrics,
    TimeProvider clock,
    ILogger<RoomRelay> logger) : IRoomObserver
{
    /// <summary>The rooms of one push go out side by side; within a room, its view before its frame.</summary>
    public Task OnUpdates(RoomUpdate[] updates) => Task.WhenAll(updates.Select(Relay));

    private async Task Relay(RoomUpdate update)
    {
        try
        {
            if (update.View is { } view)
            {
                await ShowView(view);
            }

            if (update.Frame is { } frame)
            {
                await hub.Clients.Group(RaceHub.GroupName(frame.Code)).Progress(frame);
                if (update.KeysArrivedAt > 0)
                {
                    metrics.Relayed(update.KeysArrivedAt, clock.GetUtcNow());
                }
            }
        }
        catch (Exception exception)
        {
            // A failed push counts against the whole gateway at the silo, so one room's trouble stays with that room.
            LogRelayFailed(logger, exception, update.Code);
        }
    }

    private async Task ShowView(RoomView view)
    {
        await hub.Clients.Group(RaceHub.GroupName(view.Code)).RoomChanged(view);

        // A member who was kicked or removed has just seen the view without them; now they stop receiving.
        var members = view.Members.Select(member => member.PlayerId).ToHashSet();
        foreach (var connectionId in connections.DepartedMembers(view.Code, members, view.ServerTime))
        {
            connections.Remove(view.Code, connectionId);
            await hub.Groups.RemoveFromGroupAsync(connectionId, RaceHub.GroupName(view.Code));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying an update of room {RoomCode} to its connections failed; its next update goes out as usual.")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string roomCode);
}
