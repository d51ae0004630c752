using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Hubs;

/// <summary>
/// Logs the hub's refusals as a tally rather than one entry each: a flood of refused calls must not become a flood of
/// log. The first refusal of each code on a connection is logged at Information; the rest are counted, and the counts
/// are logged once when the connection closes. Anything that is not a refusal is a server fault and is logged here at
/// Error with its stack, because SignalR's own entry for it is switched off (see <see cref="DispatcherCategory"/>):
/// that one would log every refusal at Error too.
/// </summary>
public sealed partial class RefusalLog(ILogger<RefusalLog> logger) : IHubFilter
{
    /// <summary>The category under which SignalR logs every exception a hub method throws, refusals included.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    private const string TallyKey = "refusal-tally";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            Note(invocationContext.Context, invocationContext.HubMethodName, RaceError.CodeInHubMessage(refusal.Message) ?? "uncoded");
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            // The client went away mid-call: nothing failed on our side.
            throw;
        }
        catch (Exception fault)
        {
            LogFault(logger, fault, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }

    /// <summary>Distinct codes kept per connection; codes are ours, so this only bounds a tally nobody should grow.</summary>
    private const int MaxCodes = 32;

    /// <summary>Counts a refusal that reaches the client some other way than a thrown error (a keysRefused event).</summary>
    public void Note(HubCallerContext connection, string method, string code)
    {
        if (!connection.Items.TryGetValue(TallyKey, out var found) || found is not Dictionary<string, int> tally)
        {
            // SignalR runs one invocation of a connection at a time, so its tally needs no lock.
            connection.Items[TallyKey] = tally = [];
        }

        if (!tally.ContainsKey(code) && tally.Count >= MaxCodes)
        {
            code = "other";
        }

        var count = tally[code] = tally.GetValueOrDefault(code) + 1;
        if (count == 1)
        {
            LogFirstRefusal(logger, code, Printable(method), connection.ConnectionId, connection.UserIdentifier);
        }
    }

    /// <summary>A method name as the client sent it, made safe to log: at most 64 characters, no control characters.</summary>
    public static string Printable(string? method) =>
        new string([.. (method ?? "").Take(64).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(TallyKey, out var found) && found is Dictionary<string, int> tally
            && tally.Values.Any(count => count > 1))
        {
            LogTally(logger, context.Context.ConnectionId, context.Context.UserIdentifier,
                string.Join(", ", tally.OrderByDescending(entry => entry.Value).Select(entry => $"{entry.Key} {entry.Value}")));
        }

        await next(context, exception);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Code} on {Method} for connection {ConnectionId} (player {PlayerId}); further {Code} refusals on it are counted.")]
    private static partial void LogFirstRefusal(ILogger logger, string code, string method, string connectionId, string? playerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} (player {PlayerId}) closed after refusals: {Counts}.")]
    private static partial void LogTally(ILogger logger, string connectionId, string? playerId, string counts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed on connection {ConnectionId}.")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string connectionId);
}
