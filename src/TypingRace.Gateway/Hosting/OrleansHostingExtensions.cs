using Microsoft.Extensions.Options;
using TypingRace.Gateway.Relay;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;

namespace TypingRace.Gateway.Hosting;

public static class OrleansHostingExtensions
{
    /// <summary>
    /// Co-hosted (the default) runs a silo in this process; client mode joins silos elsewhere, found through
    /// Redis membership when configured, or on this machine's gateway ports otherwise.
    /// </summary>
    public static WebApplicationBuilder AddTypingRaceOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        if (settings.Mode == GatewayMode.CoHosted)
        {
            builder.UseOrleans(silo => silo.UseTypingRaceClustering(configuration).AddTypingRaceGrains(configuration));

            // Only here are both settings in one place: a room drops a gateway that has not renewed within the expiry.
            builder.Services.AddOptions<RelayOptions>().Validate<IOptions<RoomOptions>>(
                (relay, rooms) => relay.RenewInterval * 2 <= rooms.Value.ObserverExpiry,
                "Relay:RenewInterval must be at most half of Rooms:ObserverExpiry, or rooms drop this gateway between renewals.");
            return builder;
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(options => options.ResponseTimeout = settings.ResponseTimeout);

            // A silo that comes back (a restarted pod) is dialled within seconds, not Orleans' default minute.
            client.Configure<Orleans.Configuration.GatewayOptions>(options => options.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
            if (ClusterSettings.RedisConnectionString(configuration) is { } redis)
            {
                client.UseRedisClustering(redis);
            }
            else
            {
                client.UseStaticClustering(settings.ClientGatewayPorts.Select(port => new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)).ToArray());
            }
        });
        return builder;
    }
}
