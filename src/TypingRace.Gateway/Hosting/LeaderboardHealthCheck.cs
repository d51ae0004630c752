using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TypingRace.Grains.Results;

namespace TypingRace.Gateway.Hosting;

/// <summary>
/// Races go on while Redis is away (results wait in the retry queue), so an outage makes the gateway degraded,
/// never unhealthy: it must not be restarted for it.
/// </summary>
/// <remarks>A client-mode gateway records no results, so it reports Redis alone; a host with a silo, its queue too.</remarks>
public sealed class LeaderboardHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queued = services.GetService<ResultRecorder>()?.Queued ?? 0;
        if (services.GetService<IConnectionMultiplexer>() is { IsConnected: false })
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Redis is unreachable; {queued} results wait to be written."));
        }

        return Task.FromResult(queued > 0
            ? HealthCheckResult.Degraded($"{queued} results wait to be written to the leaderboards.")
            : HealthCheckResult.Healthy());
    }
}
