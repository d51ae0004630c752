using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Gateway.Api;
using TypingRace.Gateway.Draining;
using TypingRace.Gateway.Edge;
using TypingRace.Gateway.Hubs;
using TypingRace.Gateway.Identity;
using TypingRace.Gateway.Limits;
using TypingRace.Gateway.Relay;
using TypingRace.Grains;
using TypingRace.Grains.Hosting;
using TypingRace.ServiceDefaults;

namespace TypingRace.Gateway.Hosting;

public static class GatewayHostingExtensions
{
    /// <summary>Everything the gateway serves: Orleans (co-hosted or client), identity, the hub, REST and the relay.</summary>
    public static WebApplicationBuilder AddTypingRaceGateway(this WebApplicationBuilder builder)
    {
        builder.AddTypingRaceOrleans();
        builder.AddServiceDefaults();
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(RestErrors.ConfigureKestrel);
        builder.AddEdge();
        builder.AddRateLimits();
        services.AddTypingRaceShared(builder.Configuration);
        services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RelayOptions>().Bind(builder.Configuration.GetSection(RelayOptions.Section))
            .Validate(relay => relay.RenewInterval > TimeSpan.Zero && relay.CallTimeout > TimeSpan.Zero, "Relay:RenewInterval and Relay:CallTimeout must be positive.")
            .ValidateOnStart();

        services.AddAuthentication(PlayerTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlayerTokenAuthenticationHandler>(PlayerTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // An unreadable body is a 400 that RestErrors gives its code, in Development too (where it would throw).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<TokenSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenSweep>());
        services.AddSingleton<ProbeBudget>();
        services.AddSingleton<RoomActionBudget>();
        services.AddSignalR(hub =>
            {
                // The refusal log is outermost, so it sees the codes the cluster fault filter gives too.
                hub.AddFilter<RefusalLog>();
                hub.AddFilter<ClusterFaultFilter>();
                hub.AddFilter<TokenSweep>();
                hub.AddFilter<ProbeBudget>();
                hub.AddFilter<RoomActionBudget>();
                hub.MaximumReceiveMessageSize = GatewayOptions.MaxMessageBytes;
            })
            .AddJsonProtocol(options => ConfigureJson(options.PayloadSerializerOptions)).AddMessagePackProtocol();
        CodedBindingFailures.WrapAll(services);
        builder.Logging.AddFilter(RefusalLog.DispatcherCategory, LogLevel.Critical);

        services.AddSingleton<RoomConnections>();
        services.AddSingleton<RoomRelay>();
        services.AddSingleton<RoomSubscriptions>();
        services.AddHostedService(provider => provider.GetRequiredService<RoomSubscriptions>());
        // SIGTERM drains first, then stops the host (see GatewayDrain).
        services.AddSingleton<GatewayDrain>();
        services.AddSingleton<GatewayMetrics>();
        if (builder.Configuration.GetValue(GatewayOptions.Section + ":DrainOnSignal", true))
        {
            services.AddSingleton<IHostLifetime, DrainingLifetime>();
        }
        services.AddHealthChecks()
            .AddCheck<GatewayDrain>("drain").AddCheck<LeaderboardHealthCheck>("leaderboards");
        return builder;
    }

    public static WebApplication MapTypingRaceGateway(this WebApplication app)
    {
        app.UseEdge();
        app.UseRestErrors();

        // A draining gateway takes no new hub connections: a proxy in front moves them to another gateway.
        var drain = app.Services.GetRequiredService<GatewayDrain>();
        app.Use(async (context, next) =>
        {
            if (drain.Draining && context.Request.Path.StartsWithSegments(RaceHubRoutes.Path))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        var cap = app.Services.GetRequiredService<ConnectionCap>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(RaceHubRoutes.Path), hub => hub.Use(next => context => cap.Hold(context, next)));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimits();

        app.MapPlayerEndpoints();
        app.MapGuideEndpoints();
        app.MapRaceEndpoints();
        app.MapQuickRaceEndpoints();
        app.MapGhostRaceEndpoints();
        app.MapRoomEndpoints();
        app.MapLeaderboardEndpoints();
        app.MapCohortEndpoints();
        // WebSockets only, as every client of ours connects: a long poll would hold no connection for the per-IP cap
        // to count, and every transport more is more to defend.
        app.MapHub<RaceHub>(RaceHubRoutes.Path, hub => hub.Transports = HttpTransportType.WebSockets);
        app.MapServiceDefaults();

        // Made now, so its gauges are there from the first scrape rather than from the first connection.
        app.Services.GetRequiredService<GatewayMetrics>();

        // Every page of the client is the same file, which reads the page from the path, so shared links work.
        foreach (var page in (string[])["/r/{code}", "/leaderboards", "/p/{playerId}", "/c", "/c/{code}", "/c/{code}/console", "/replay/{raceId}", "/fair-play"])
        {
            app.MapFallbackToFile(page, "index.html");
        }

        return app;
    }

    /// <summary>One JSON shape for REST and SignalR: camelCase names and enums as camelCase strings.</summary>
    private static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // A number is a JSON number: "3" is refused rather than read as 3 (the web defaults would read it).
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
