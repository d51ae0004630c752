using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using TypingRace.Grains.Hosting;

namespace TypingRace.Grains.Tests;

/// <summary>Silos of a test cluster on Redis, with the grains and the product's quick failure detection.</summary>
public sealed class RedisSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddTypingRaceGrains(siloBuilder.Configuration);
        siloBuilder.Services.Configure<ClusterMembershipOptions>(TypingRace.Grains.Hosting.SiloBuilderExtensions.QuickFailureDetection);

        // Orleans places by each silo's CPU and memory, which are one process's here: it can favour one silo for dozens
        // of grains in a row. A test that kills the silo under a grain needs grains on every silo, so it places at random.
        siloBuilder.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.RandomPlacement>();
    }
}

/// <summary>The client waits as briefly as a client-mode gateway does, so a call to a dead silo fails soon.</summary>
public sealed class ShortTimeoutClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.Configure<MessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
}
