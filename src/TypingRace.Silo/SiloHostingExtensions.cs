using Orleans.Dashboard;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;
using TypingRace.ServiceDefaults;

namespace TypingRace.Silo;

/// <summary>"Dashboard": the Orleans Dashboard, off unless an operator turns it on.</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public const string Path = "/dashboard";

    public bool Enabled { get; set; }
}

public static class SiloHostingExtensions
{
    /// <summary>
    /// The silo: the grains on Redis (or on one machine), probes and metrics, Orleans' Kubernetes hosting when
    /// "Orleans:KubernetesHosting" is set, and the Orleans Dashboard when "Dashboard:Enabled" is.
    /// </summary>
    public static WebApplicationBuilder AddTypingRaceSilo(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddAdminKey();
        var configuration = builder.Configuration;
        var cluster = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var dashboard = configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() ?? new DashboardSettings();
        if (dashboard.Enabled)
        {
            RefuseAnOpenDashboard(configuration);
        }

        builder.UseOrleans(silo =>
        {
            silo.UseTypingRaceClustering(configuration).AddTypingRaceGrains(configuration);
            if (cluster.KubernetesHosting)
            {
                // After our endpoints, so the pod's name and IP win; see docs/cluster.md for what it adds.
                silo.UseKubernetesHosting();
            }

            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
        builder.Services.AddHealthChecks().AddCheck<LeaderboardHealthCheck>("leaderboards");
        return builder;
    }

    public static WebApplication MapTypingRaceSilo(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapServiceDefaults();
        if (app.Configuration.GetSection(DashboardSettings.Section).Get<DashboardSettings>() is { Enabled: true })
        {
            // Where Prometheus scrapes, never where players connect, and only with the admin key.
            app.MapOrleansDashboard(DashboardSettings.Path)
                .RequireManagementPort(app.Configuration.GetValue<int>(ServiceDefaultsExtensions.ManagementPortKey))
                .RequireAdminKey();
        }

        // Made now, so the rooms gauge is there from the first scrape rather than from the first room.
        app.Services.GetRequiredService<RoomCensus>();
        return app;
    }

    /// <summary>The dashboard shows every grain's state and calls: it is served only behind the admin key, on the management port.</summary>
    private static void RefuseAnOpenDashboard(IConfiguration configuration)
    {
        if (configuration[$"{AdminOptions.Section}:Key"] is not { Length: > 0 })
        {
            throw new InvalidOperationException("Dashboard:Enabled needs Admin:Key: the dashboard is served only to those who have it.");
        }

        if (configuration.GetValue<int?>(ServiceDefaultsExtensions.ManagementPortKey) is null)
        {
            throw new InvalidOperationException("Dashboard:Enabled needs Management:Port: the dashboard is served there, never on the port players use.");
        }
    }
}
