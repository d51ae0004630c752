using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Draining;

/// <summary>
/// A graceful exit for a rolling update. SignalR closes every connection as soon as the host begins to stop
/// (aspnetcore#25069), so the drain must come first: <see cref="DrainingLifetime"/> runs it on SIGTERM, before it
/// lets the host stop. Draining, this gateway fails readiness and refuses new hub connections with 503 (a proxy then
/// picks another gateway), tells every client to reconnect with jitter, and waits until they have gone or the drain
/// timeout passes. Races live in the grains, so a client that moves keeps its race.
/// </summary>
public sealed partial class GatewayDrain(
    IHubContext<RaceHub, IRaceClient> hub,
    IOptions<GatewayOptions> options,
    ILogger<GatewayDrain> logger) : IHealthCheck
{
    private readonly TaskCompletionSource _allGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connections;

    public bool Draining { get; private set; }

    public int Connections => Volatile.Read(ref _connections);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected()
    {
        if (Interlocked.Decrement(ref _connections) <= 0 && Draining)
        {
            _allGone.TrySetResult();
        }
    }

    public async Task Drain(CancellationToken cancellationToken)
    {
        Draining = true;
        var settings = options.Value;
        LogDraining(logger, Connections, settings.DrainTimeout);
        if (Connections == 0)
        {
            return;
        }

        await hub.Clients.All.Draining((int)settings.DrainReconnectJitter.TotalMilliseconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.DrainTimeout);
        try
        {
            await _allGone.Task.WaitAsync(timeout.Token);
            LogDrained(logger);
        }
        catch (OperationCanceledException)
        {
            LogDrainTimedOut(logger, Connections);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Draining ? HealthCheckResult.Unhealthy($"Draining: {Connections} connections still to move.") : HealthCheckResult.Healthy());

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Connections} connections are told to move; waiting at most {Timeout}.")]
    private static partial void LogDraining(ILogger logger, int connections, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained: every client has moved to another gateway.")]
    private static partial void LogDrained(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain timed out with {Connections} connections left; they are closed now.")]
    private static partial void LogDrainTimedOut(ILogger logger, int connections);
}
