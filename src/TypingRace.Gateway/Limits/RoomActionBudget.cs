using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// Room actions per connection (Gateway:RoomActionsPerSecond, bursts of Gateway:RoomActionBurst): a client that
/// calls SetReady in a loop would otherwise send a room view to every member each time. Key batches have their own
/// bucket in the hub.
/// </summary>
public sealed class RoomActionBudget(IOptions<GatewayOptions> options, TimeProvider clock) : IHubFilter
{
    private const string BucketKey = "room-action-throttle";

    private static readonly string[] KeyMethods = [nameof(RaceHub.SendKeys), nameof(RaceHub.TypeKeys), RaceHub.UnreadableMethod];

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (KeyMethods.Contains(invocationContext.HubMethodName, StringComparer.OrdinalIgnoreCase) || ConnectionThrottle.For(invocationContext.Context, BucketKey, options.Value.RoomActionsPerSecond, options.Value.RoomActionBurst, clock).TryTake())
        {
            return next(invocationContext);
        }

        throw new HubException(new RaceError(ErrorCodes.RateLimited,
            $"At most {options.Value.RoomActionsPerSecond} room actions per second; wait a moment.").ToString());
    }
}
