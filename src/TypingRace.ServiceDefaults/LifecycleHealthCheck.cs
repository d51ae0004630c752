using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace TypingRace.ServiceDefaults;

/// <summary>
/// Readiness from this process's own state alone: not ready until the host (and with it the silo or the cluster
/// client) has started, and not ready again once it is stopping, so a load balancer drains it first.
/// </summary>
public sealed class LifecycleHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("Draining: this process is shutting down.")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("Starting: not joined yet.")
            : HealthCheckResult.Healthy());
}
