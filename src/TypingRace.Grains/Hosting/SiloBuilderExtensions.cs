using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using TypingRace.Grains.Players;

namespace TypingRace.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>The grains, their services and their storage: in memory by default, in Redis when configured.</summary>
    public static ISiloBuilder AddTypingRaceGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddTypingRaceGrains(configuration);
        if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
        {
            silo.AddRedisGrainStorage(PlayerGrain.StorageName, options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        else
        {
            silo.AddMemoryGrainStorage(PlayerGrain.StorageName);
        }

        return silo;
    }

    /// <summary>Membership in Redis when configured; otherwise a single-machine cluster on localhost.</summary>
    public static ISiloBuilder UseTypingRaceClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
        {
            silo.UseRedisClustering(redis)
                .Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = settings.ClusterId;
                    options.ServiceId = settings.ServiceId;
                })
                .ConfigureEndpoints(settings.SiloPort, settings.GatewayPort);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo;
    }
}
