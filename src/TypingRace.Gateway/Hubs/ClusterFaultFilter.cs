using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Hubs;

/// <summary>
/// A hub call that fails because the silo behind a room went away gets the code <c>room-unavailable</c>, which
/// tells the client to join again and resend what the room had not stored, rather than SignalR's generic error.
/// </summary>
public sealed partial class ClusterFaultFilter(ILogger<ClusterFaultFilter> logger) : IHubFilter
{
    private static readonly RaceError Unavailable = new(
        ErrorCodes.RoomUnavailable, "The room is moving to another server; join it again and send the keys it has not stored.");

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            LogClusterFault(logger, invocationContext.HubMethodName, exception.GetType().Name, exception.Message);
            throw new HubException(Unavailable.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} failed on the cluster ({ExceptionType}: {ExceptionMessage}); the client rejoins.")]
    private static partial void LogClusterFault(ILogger logger, string method, string exceptionType, string exceptionMessage);
}
