using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace TypingRace.ServiceDefaults;

/// <summary>The probes and metrics of every host, gateway or silo, so operators see the same on each.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>"Management:Port": when set, Prometheus metrics are served on /metrics on that port only.</summary>
    public const string ManagementPortKey = "Management:Port";

    /// <summary>The meters of our own: rooms, results and the gateway.</summary>
    public static readonly string[] TypingRaceMeters = ["TypingRace.Rooms", "TypingRace.Results", "TypingRace.Gateway"];

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<LifecycleHealthCheck>("lifecycle");
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(TypingRaceMeters)
            .AddMeter("Microsoft.Orleans")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process serves. <c>/readyz</c>: started and not draining; a Redis outage is Degraded and
    /// stays 200, so it never pulls every host out of a load balancer at once. <c>/metrics</c>: only on the management
    /// port, which the operator also lists in the host's URLs, so it is never served where players connect.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        // RequireHost matches the Host header, which a client writes: the port the request came in on decides.
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementPortOnly>() is { } only && context.Connection.LocalPort != only.Port)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        if (app.Configuration.GetValue<int?>(ManagementPortKey) is { } port)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireManagementPort(port);
        }

        return app;
    }

    /// <summary>Served on the management port only: routed there by Host, and refused on any other local port.</summary>
    public static TBuilder RequireManagementPort<TBuilder>(this TBuilder endpoints, int port)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireHost($"*:{port}").WithMetadata(new ManagementPortOnly(port));

    private sealed record ManagementPortOnly(int Port);
}
