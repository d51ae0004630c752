using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using TypingRace.Grains.Hosting;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Upgrades;

/// <summary>
/// Two real silos on a given Redis, configured as <see cref="Rooms.FailoverCluster"/> is, under a fixed service id:
/// the grain storage keys start with it, so the version that writes a fixture and the one that reads it must agree.
/// </summary>
internal sealed class UpgradeCluster : IAsyncDisposable
{
    public const string ServiceId = "typingrace";

    public const string ClusterId = "upgrade";

    private UpgradeCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <param name="guides">The guides the stored rooms race: a fixture keeps the copy it was written with.</param>
    public static async Task<UpgradeCluster> Start(RedisServer redis, string guides)
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = ClusterId;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration
            .AddInMemoryCollection(RaceCluster.TestSettings)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Redis:ConnectionString"] = redis.ConnectionString,
                ["Guides:Directory"] = guides,

                // Long enough that a paced race on a loaded machine, and the wait before the next version reads
                // the room, never trip them.
                ["Rooms:RaceTimeLimit"] = "00:02:00",
                ["Rooms:IdleLimit"] = "00:01:00",
                ["Rooms:EmptyRoomExpiry"] = "00:02:00",
                ["Rooms:DisconnectGrace"] = "00:01:00",

                // The fixture's gateway never renews: its subscription must still be in the record when it is written.
                ["Rooms:ObserverExpiry"] = "00:05:00",
            }));
        builder.AddSiloBuilderConfigurator<RedisSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ShortTimeoutClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new UpgradeCluster(cluster);
    }

    /// <summary>Shuts every silo down as an upgrade does: each room writes itself down as it goes.</summary>
    public Task Stop() => Cluster.StopAllSilosAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
