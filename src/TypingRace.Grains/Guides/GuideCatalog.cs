using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.Grains.Guides;

public sealed class GuideOptions
{
    public const string Section = "Guides";

    /// <summary>The folder of Markdown guides; relative paths are resolved against the app's folder.</summary>
    [Required]
    public string Directory { get; set; } = "guides";

    /// <summary>Guides one player may import.</summary>
    [Range(0, 10_000)]
    public int MaxImportsPerPlayer { get; set; } = 50;

    /// <summary>Characters of one imported file or paste; a whole course's notes fit, a book does not.</summary>
    [Range(1, 10_000_000)]
    public int MaxImportCharacters { get; set; } = 200_000;

    /// <summary>Paragraphs one imported guide may have after review.</summary>
    [Range(1, 100_000)]
    public int MaxImportParagraphs { get; set; } = 2_000;
}

/// <summary>
/// The guides rooms can race: the ones we ship, loaded once from <see cref="GuideOptions.Directory"/> (the same on
/// every host), and the ones players imported, read from their guide grains and kept, since they never change.
/// </summary>
public sealed class GuideCatalog(IOptions<GuideOptions> options, IGrainFactory grains)
{
    /// <summary>Imported guides kept in memory; past this many, the oldest reads start again from the grains.</summary>
    private const int ImportedKept = 500;

    private readonly Lazy<GuideLibrary> _shipped = new(() => GuideLibrary.LoadDirectory(Resolve(options.Value.Directory)));
    private readonly ConcurrentDictionary<string, Guide> _imported = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _importedOrder = new();

    /// <summary>The guides we ship, sorted by id.</summary>
    public IReadOnlyList<Guide> Shipped => _shipped.Value.Guides;

    /// <summary>A shipped guide, or an imported one; null when there is no such guide.</summary>
    public async ValueTask<Guide?> Find(string guideId)
    {
        if (_shipped.Value.TryGet(guideId, out var shipped))
        {
            return shipped;
        }

        if (!GuideIds.IsImported(guideId))
        {
            return null;
        }

        if (_imported.TryGetValue(guideId, out var kept))
        {
            return kept;
        }

        // A miss is not kept: the id may be saved a moment later.
        if (await grains.GetGrain<IGuideGrain>(guideId).Get() is not { } stored)
        {
            return null;
        }

        var guide = GuideImports.ToGuide(guideId, stored);
        if (_imported.TryAdd(guideId, guide))
        {
            _importedOrder.Enqueue(guideId);
            while (_importedOrder.Count > ImportedKept && _importedOrder.TryDequeue(out var oldest))
            {
                _imported.TryRemove(oldest, out _);
            }
        }

        return guide;
    }

    private static string Resolve(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
}
