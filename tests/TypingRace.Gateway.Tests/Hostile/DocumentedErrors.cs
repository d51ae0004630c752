namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// The error codes docs/protocol.md promises, read from the doc itself: the table under "## Errors" is the contract,
/// so a code the server invents without documenting it fails the hostile tests instead of slipping past them.
/// </summary>
public static class DocumentedErrors
{
    public static IReadOnlySet<string> Codes { get; } = ReadTable(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "protocol.md")));

    public static bool IsDocumented(string? code) => code is not null && Codes.Contains(code);

    /// <summary>
    /// The rows of the table after "## Errors" that start with "| `": the first cell is one code, or several
    /// separated by " / " (<c>`room-exists` / `cohort-exists`</c>).
    /// </summary>
    public static IReadOnlySet<string> ReadTable(IEnumerable<string> lines)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.SkipWhile(l => l.Trim() != "## Errors").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                continue;
            }

            var cell = line.Split('|', StringSplitOptions.TrimEntries)[1];
            foreach (var code in cell.Split(" / ", StringSplitOptions.TrimEntries))
            {
                codes.Add(code.Trim('`'));
            }
        }

        return codes.Count > 0 ? codes : throw new InvalidOperationException("docs/protocol.md has no error table under '## Errors'.");
    }
}
