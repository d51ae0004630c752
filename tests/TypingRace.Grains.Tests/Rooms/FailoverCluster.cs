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
                ["Cohorts:StepCountdown"] = "00:00:00.300",
            }));
        builder.AddSiloBuilderConfigurator<RedisSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ShortTimeoutClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>
    /// Kills the silo <paramref name="grain"/> is active on, and starts a new one in its place, so the next test
    /// finds three silos again; the grain comes back on one of the others.
    /// </summary>
    public async Task<SiloAddress> KillSiloOf(IAddressable grain)
    {
        var silo = await SiloOf(grain) ?? throw new InvalidOperationException("The grain is not active anywhere.");
        await Cluster.KillSiloAsync(Cluster.Silos.Single(s => s.SiloAddress.Equals(silo)));
        await Cluster.StartAdditionalSiloAsync();
        return silo;
    }

    public async Task<SiloAddress?> SiloOf(IAddressable grain) =>
        await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    /// <summary>
    /// Makes grains with <paramref name="create"/> until one is active off the primary silo: the test cluster keeps
    /// its membership on the primary, so a silo killed under a grain must be another.
    /// </summary>
    public async Task<T> OffThePrimary<T>(Func<Task<T>> create, Func<T, IAddressable> grainOf)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var made = await create();
            if (!Cluster.Primary!.SiloAddress.Equals(await SiloOf(grainOf(made))))
            {
                return made;
            }
        }

        throw new InvalidOperationException("Thirty grains in a row landed on the primary silo.");
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
