using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace TypingRace.Grains.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>The grains, their services and their storage: in memory by default, in Redis when configured.</summary>
    public static ISiloBuilder AddTypingRaceGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddTypingRaceGrains(configuration);
        foreach (var name in StorageNames.All)
        {
            if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
            {
                silo.AddRedisGrainStorage(name, options =>
                {
                    options.ConfigurationOptions = ConfigurationOptions.Parse(redis);

                    // A cleared state (an expired room, a used or expired device code) is gone, not an empty key.
                    options.DeleteStateOnClear = true;
                });
            }
            else
            {
                silo.AddMemoryGrainStorage(name);
            }
        }

        return silo;
    }

    /// <summary>
    /// Notices a dead silo in about 5 s rather than Orleans' 15 to 20: probes time out after 2 s, two missed probes
    /// suspect a silo, and one vote (besides the suspicion) declares it dead. Rooms on it come back that much sooner.
    /// Each value can still be set under Orleans:Membership.
    /// </summary>
    public static void QuickFailureDetection(Orleans.Configuration.ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
    }

    /// <summary>Membership in Redis when configured; otherwise a single-machine cluster on localhost.</summary>
    public static ISiloBuilder UseTypingRaceClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        silo.Services.AddOptions<Orleans.Configuration.ClusterMembershipOptions>()
            .Configure(QuickFailureDetection)
            .Bind(configuration.GetSection($"{ClusterSettings.Section}:Membership"));
        if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
        {
            silo.UseRedisClustering(redis)
                .Configure<Orleans.Configuration.ClusterOptions>(options =>
                {
                    options.ClusterId = settings.ClusterId;
                    options.ServiceId = settings.ServiceId;
                });
            if (settings.AdvertisedIP is { Length: > 0 } ip)
            {
                silo.ConfigureEndpoints(System.Net.IPAddress.Parse(ip), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            }
            else
            {
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort);
            }
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }

        return silo;
    }
}
