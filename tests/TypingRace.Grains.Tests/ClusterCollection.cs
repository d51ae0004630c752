using TypingRace.Testing;

namespace TypingRace.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<RaceCluster>
{
    public const string Name = "race cluster";
}
