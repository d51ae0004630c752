using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Hubs;

/// <summary>
/// A hub call that fails because the silo behind a room went away gets the code <c>room-unavailable</c>, which
/// tells the client to join again and resend what the room had not stored, rather than SignalR's generic error.
/// </summary>
public sealed partial class ClusterFaultFilter(ILogger<ClusterFaultFilter> logger) : IHubFilter
{
    public static readonly RaceError Unavailable = new(
        ErrorCodes.RoomUnavailable, "The room is moving to another server; join it again and send the keys it has not stored.");

    /// <summary>The silo behind a grain went away or did not answer in time.</summary>
    public static bool IsClusterFault(Exception exception) => exception is OrleansException or TimeoutException;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception exception) when (IsClusterFault(exception))
        {
            LogClusterFault(logger, invocationContext.HubMethodName, exception);
            throw new HubException(Unavailable.ToString());
        }
    }

    public static void LogClusterFault(ILogger logger, string method, Exception exception) =>
        LogClusterFault(logger, method, exception.GetType().Name, exception.Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} failed on the cluster ({ExceptionType}: {ExceptionMessage}); the client rejoins.")]
    private static partial void LogClusterFault(ILogger logger, string method, string exceptionType, string exceptionMessage);
}
