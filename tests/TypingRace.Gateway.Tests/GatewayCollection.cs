using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<RaceCluster>
{
    public const string Name = "gateways on a test cluster";
}
