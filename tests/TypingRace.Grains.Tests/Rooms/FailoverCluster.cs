using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using TypingRace.Grains.Hosting;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>
/// Three real silos whose rooms, races, players and key logs live in a real redis-server, with failure detection as
/// quick as the product's cluster settings: a silo can be killed and its rooms come back elsewhere.
/// </summary>
public sealed class FailoverCluster : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration
            .AddInMemoryCollection(RaceCluster.TestSettings)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Redis:ConnectionString"] = Redis.ConnectionString,

                // A race long enough to outlast the failover on a loaded machine; the outage is off its clock anyway.
                ["Rooms:RaceTimeLimit"] = "00:02:00",
                ["Rooms:IdleLimit"] = "00:01:00",
                ["Rooms:EmptyRoomExpiry"] = "00:02:00",
                ["Rooms:DisconnectGrace"] = "00:01:00",
            }));
        builder.AddSiloBuilderConfigurator<RedisSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ShortTimeoutClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Redis.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverCluster>
{
    public const string Name = "failover cluster";
}
