using System.Reflection;

namespace TypingRace.Testing;

/// <summary>The repository the tests were built from, recorded at build time.</summary>
public static class Repository
{
    public static string Root { get; } = Path.GetFullPath(typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "RepositoryRoot").Value!);
}
