using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.Gateway.Api;

namespace TypingRace.Gateway.Identity;

/// <summary>
/// A hub connection is authenticated once, when it opens, and may then last for hours, calling nothing while its
/// player watches. So that signing out or rotating a token also ends the connections made with it, every
/// <see cref="Interval"/> the gateway asks each of its connections' players whether the token is still theirs, once
/// per token however many connections share it, and closes those that are not; reconnecting with it gets a 401.
/// </summary>
public sealed partial class TokenSweep(IGrainFactory grains, TimeProvider clock, ILogger<TokenSweep> logger) : BackgroundService, IHubFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        _connections[context.Context.ConnectionId] = context.Context;
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Sweep(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping: its connections close anyway.
        }
    }

    /// <summary>One pass over every connection; the number closed.</summary>
    public async Task<int> Sweep(CancellationToken cancellationToken)
    {
        var closed = 0;
        var byToken = _connections.Values.GroupBy(connection => (Player: connection.User!.PlayerId(), Hash: connection.User!.SecretHash()));
        foreach (var token in byToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await grains.GetGrain<IPlayerGrain>(token.Key.Player).VerifySecret(token.Key.Hash).WaitAsync(cancellationToken))
                {
                    continue;
                }
            }
            catch (Exception fault) when (fault is not OperationCanceledException)
            {
                // Asked again at the next pass; a token is never taken for revoked because the cluster did not answer.
                LogCheckFailed(logger, fault, token.Key.Player);
                continue;
            }

            foreach (var connection in token)
            {
                connection.Abort();
                closed++;
            }

            LogClosed(logger, token.Count(), token.Key.Player);
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connection(s) of player {PlayerId} whose token was signed out or replaced.")]
    private static partial void LogClosed(ILogger logger, int count, string playerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the token of player {PlayerId}'s connections; trying again at the next pass.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string playerId);
}
