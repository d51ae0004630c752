using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace TypingRace.Engine.Guides;

/// <summary>
/// The guides a server offers. Readers see an immutable snapshot, so rooms can read while a guide is imported.
/// </summary>
public sealed class GuideLibrary
{
    private readonly Lock importLock = new();
    private volatile Snapshot current;

    /// <summary>A later guide with the same id replaces an earlier one, as <see cref="Import"/> does.</summary>
    public GuideLibrary(IEnumerable<Guide> guides)
    {
        ArgumentNullException.ThrowIfNull(guides);
        current = Snapshot.Of(guides);
    }

    /// <summary>Loads every *.md file of the folder; a guide's id is its file name without extension, lowercased.</summary>
    public static GuideLibrary LoadDirectory(string directory) => new(
        Directory.EnumerateFiles(directory, "*.md").Select(path => GuideParser.Parse(
            Path.GetFileNameWithoutExtension(path).ToLowerInvariant(),
            File.ReadAllText(path))));

    /// <summary>Sorted by id (ordinal).</summary>
    public IReadOnlyList<Guide> Guides => current.Sorted;

    public bool TryGet(string guideId, [NotNullWhen(true)] out Guide? guide) => current.ById.TryGetValue(guideId, out guide);

    /// <summary>Parses the Markdown and adds the guide, replacing one with the same id.</summary>
    public Guide Import(string guideId, string markdown)
    {
        var guide = GuideParser.Parse(guideId, markdown);
        lock (importLock)
        {
            current = Snapshot.Of(current.Sorted.Append(guide));
        }

        return guide;
    }

    private sealed record Snapshot(FrozenDictionary<string, Guide> ById, IReadOnlyList<Guide> Sorted)
    {
        public static Snapshot Of(IEnumerable<Guide> guides)
        {
            var byId = new Dictionary<string, Guide>(StringComparer.Ordinal);
            foreach (var guide in guides)
            {
                byId[guide.Id] = guide;
            }

            return new(byId.ToFrozenDictionary(StringComparer.Ordinal), byId.Values.OrderBy(guide => guide.Id, StringComparer.Ordinal).ToList().AsReadOnly());
        }
    }
}
