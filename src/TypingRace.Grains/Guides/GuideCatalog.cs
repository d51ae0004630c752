using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using TypingRace.Engine.Guides;

namespace TypingRace.Grains.Guides;

public sealed class GuideOptions
{
    public const string Section = "Guides";

    /// <summary>The folder of Markdown guides; relative paths are resolved against the app's folder.</summary>
    [Required]
    public string Directory { get; set; } = "guides";
}

/// <summary>The guides every host of rooms can race, loaded once from <see cref="GuideOptions.Directory"/>.</summary>
public sealed class GuideCatalog(IOptions<GuideOptions> options)
{
    private readonly Lazy<GuideLibrary> _library = new(() => GuideLibrary.LoadDirectory(Resolve(options.Value.Directory)));

    public IReadOnlyList<Guide> Guides => _library.Value.Guides;

    public bool TryGet(string guideId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Guide? guide) =>
        _library.Value.TryGet(guideId, out guide);

    private static string Resolve(string directory) =>
        Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
}
