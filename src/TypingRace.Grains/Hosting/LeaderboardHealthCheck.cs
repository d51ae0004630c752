using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using TypingRace.Grains.Results;

namespace TypingRace.Grains.Hosting;

/// <summary>
/// Races go on while Redis is away (results wait in the retry queue), so an outage makes a host degraded, never
/// unhealthy: it must not be restarted or taken out of the load balancer for it. Both hosts report it.
/// </summary>
/// <remarks>
/// Redis is pinged rather than asked whether it is connected: a Redis that hangs keeps its sockets open, and the
/// client would call it connected for a minute. A client-mode gateway records no results, so it reports Redis
/// alone; a host with a silo, its queue too.
/// </remarks>
public sealed class LeaderboardHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var queued = services.GetService<ResultRecorder>()?.Queued ?? 0;
        if (services.GetService<IConnectionMultiplexer>() is { } redis && !await Answers(redis, cancellationToken))
        {
            return HealthCheckResult.Degraded($"Redis does not answer; {queued} results wait to be written.");
        }

        return queued > 0
            ? HealthCheckResult.Degraded($"{queued} results wait to be written to the leaderboards.")
            : HealthCheckResult.Healthy();
    }

    private static async Task<bool> Answers(IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return false;
        }

        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is TimeoutException or RedisException)
        {
            return false;
        }
    }
}
