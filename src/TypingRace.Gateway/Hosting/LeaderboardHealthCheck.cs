using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TypingRace.Grains.Results;

namespace TypingRace.Gateway.Hosting;

/// <summary>
/// Races go on while Redis is away (results wait in the retry queue), so an outage makes the gateway degraded,
/// never unhealthy: it must not be restarted for it.
/// </summary>
public sealed class LeaderboardHealthCheck(ResultRecorder recorder, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IConnectionMultiplexer>() is { IsConnected: false })
        {
            return Task.FromResult(HealthCheckResult.Degraded($"Redis is unreachable; {recorder.Queued} results wait to be written."));
        }

        return Task.FromResult(recorder.Queued > 0
            ? HealthCheckResult.Degraded($"{recorder.Queued} results wait to be written to the leaderboards.")
            : HealthCheckResult.Healthy());
    }
}
