namespace TypingRace.Deploy.Tests;

/// <summary>
/// One collection, so the test classes run one after another: each starts a whole cluster of processes, and two at
/// once would crowd a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalClusterCollection
{
    public const string Name = "local cluster";
}
