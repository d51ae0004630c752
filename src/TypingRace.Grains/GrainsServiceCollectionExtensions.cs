using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypingRace.Grains.Cohorts;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Races;
using TypingRace.Grains.Results;
using TypingRace.Leaderboards;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// What both hosts read: the guides, the leaderboard store and Redis when configured. A client-mode gateway
    /// needs only this; it runs no grain and no silo-side service.
    /// </summary>
    public static IServiceCollection AddTypingRaceShared(this IServiceCollection services, IConfiguration configuration)
    {
        // A co-hosted gateway and its silo share one service collection; register once.
        if (services.Any(service => service.ServiceType == typeof(GuideCatalog)))
        {
            return services;
        }

        services.AddOptions<GuideOptions>().Bind(configuration.GetSection(GuideOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<GuideCatalog>();
        services.AddOptions<LeaderboardOptions>().Bind(configuration.GetSection(LeaderboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CohortOptions>().Bind(configuration.GetSection(CohortOptions.Section)).ValidateDataAnnotations()
            .Validate(cohorts => cohorts.OnlineWindow > TimeSpan.Zero && cohorts.RoundCountdown >= TimeSpan.Zero, "Cohorts:OnlineWindow must be positive and Cohorts:RoundCountdown not negative.")
            .ValidateOnStart();
        if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                return ConnectionMultiplexer.Connect(options);
            });
            services.AddSingleton<ILeaderboardStore>(provider => new RedisLeaderboardStore(provider.GetRequiredService<IConnectionMultiplexer>()));
        }
        else
        {
            services.AddSingleton<ILeaderboardStore, InMemoryLeaderboardStore>();
        }

        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>What a silo needs to run the grains: room settings, the gateway outbox, key logs and the result recorder.</summary>
    public static IServiceCollection AddTypingRaceGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTypingRaceShared(configuration);
        if (services.Any(service => service.ServiceType == typeof(GatewayOutbox)))
        {
            return services;
        }

        services.AddOptions<RoomOptions>()
            .Bind(configuration.GetSection(RoomOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoomOptions>, RoomOptionsValidator>();
        services.AddOptions<CohortOptions>().Validate<IOptions<RoomOptions>>(
            (cohorts, rooms) => cohorts.HeatSize <= rooms.Value.MaxMembers, "Cohorts:HeatSize must be at most Rooms:MaxMembers: a heat is a room.");
        services.AddOptions<QuickRaceOptions>().Bind(configuration.GetSection(QuickRaceOptions.Section)).ValidateDataAnnotations()
            .Validate<IOptions<RoomOptions>>((quick, rooms) => quick.Size <= rooms.Value.MaxMembers, "QuickRace:Size must be at most Rooms:MaxMembers: a quick race is a room.")
            .Validate(quick => quick.FillWait > TimeSpan.Zero && quick.AloneWait > TimeSpan.Zero && quick.MatchKept > TimeSpan.Zero, "QuickRace:FillWait, AloneWait and MatchKept must be positive.")
            .ValidateOnStart();
        services.AddSingleton<GatewayOutbox>();
        services.AddSingleton<RoomCensus>();
        services.AddSingleton<ProgressPacer>();
        if (ClusterSettings.RedisConnectionString(configuration) is not null)
        {
            services.AddSingleton<IKeyLogStore>(provider => new RedisKeyLogStore(provider.GetRequiredService<IConnectionMultiplexer>()));
        }
        else
        {
            services.AddSingleton<IKeyLogStore, InMemoryKeyLogStore>();
        }

        services.AddSingleton<ResultRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<ResultRecorder>());
        return services;
    }

    /// <summary>Names each broken Rooms setting, so a bad deployment fails at start with a useful message.</summary>
    private sealed class RoomOptionsValidator : IValidateOptions<RoomOptions>
    {
        public ValidateOptionsResult Validate(string? name, RoomOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
