using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Xunit;
using TypingRace.Grains.Hosting;

namespace TypingRace.Testing;

/// <summary>A real two-silo Orleans test cluster running the TypingRace grains with short clocks.</summary>
public sealed class RaceCluster : IAsyncLifetime
{
    /// <summary>Clocks short enough for tests, long enough that a scripted race never trips them by accident.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestSettings = new Dictionary<string, string?>
    {
        ["Guides:Directory"] = TestGuides.Directory,
        ["Rooms:Countdown"] = "00:00:00.300",
        ["Rooms:RaceTimeLimit"] = "00:00:08",
        ["Rooms:IdleLimit"] = "00:00:05",
        ["Rooms:DisconnectGrace"] = "00:00:01",
        ["Rooms:EmptyRoomExpiry"] = "00:00:01.500",
        ["Rooms:ObserverExpiry"] = "00:00:02",

        // Gateways renew well within the expiry above.
        ["Relay:RenewInterval"] = "00:00:00.500",
        ["Rooms:ObserverCallTimeout"] = "00:00:01",
        ["Rooms:MaxMembers"] = "4",
        ["Cohorts:HeatSize"] = "4",
        ["Cohorts:RoundCountdown"] = "00:00:00.300",
        ["QuickRace:Size"] = "4",
        ["QuickRace:FillWait"] = "00:00:01",
        ["QuickRace:AloneWait"] = "00:00:01.500",

        // Every test client comes from 127.0.0.1: the tests of the limits turn them on with their own numbers.
        ["Limits:Enabled"] = "false",

        // Keep CI logs to what matters: a failing test's story is in warnings and errors.
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:TypingRace"] = "Information",
    };

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);

        // Gateways in client mode dial the silos over real sockets, as they would across machines.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(TestSettings));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddTypingRaceGrains(siloBuilder.Configuration);
    }
}
