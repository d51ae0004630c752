using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.Grains.Guides;

/// <summary>What a player sends to import a guide: a title, the text, its format, and the review's edits.</summary>
/// <param name="Format">"markdown" or "text"; null guesses from the text (<see cref="GuideImport.LooksLikeMarkdown"/>).</param>
/// <param name="Delete">Paragraph indexes (from the preview) to leave out.</param>
/// <param name="MergeWithNext">Paragraph indexes (from the preview) to join with the paragraph after them.</param>
public sealed record GuideImportRequest(string? Title, string? Format, string? Content, int[]? Delete = null, int[]? MergeWithNext = null);

/// <summary>
/// The checks and steps of an import, the same for the preview and the save: parse the text as its format, apply
/// the review's edits, and refuse what cannot be raced or stored.
/// </summary>
public static class GuideImports
{
    public const int MaxTitleLength = 120;

    /// <summary>The guide the request describes, under a placeholder id until it is saved.</summary>
    public static Reply<Guide> Prepare(GuideImportRequest request, GuideOptions options)
    {
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0 || TypeableText.CodePointCount(title) > MaxTitleLength || title.Any(char.IsControl))
        {
            return Reply<Guide>.Fail(ErrorCodes.BadTitle, $"A guide needs a title of 1 to {MaxTitleLength} characters, on one line.");
        }

        if (string.IsNullOrWhiteSpace(request.Content))
        {
            return Reply<Guide>.Fail(ErrorCodes.GuideEmpty, "There is no text to import.");
        }

        if (request.Content.Length > options.MaxImportCharacters)
        {
            return Reply<Guide>.Fail(ErrorCodes.GuideTooLarge, $"A guide has at most {options.MaxImportCharacters:N0} characters; this one has {request.Content.Length:N0}.");
        }

        GuideFormat format;
        switch (request.Format?.Trim().ToLowerInvariant())
        {
            case null or "":
                format = GuideImport.LooksLikeMarkdown(request.Content) ? GuideFormat.Markdown : GuideFormat.Text;
                break;
            case "markdown":
                format = GuideFormat.Markdown;
                break;
            case "text":
                format = GuideFormat.Text;
                break;
            default:
                return Reply<Guide>.Fail(ErrorCodes.BadFormat, $"The format is \"markdown\" or \"text\", not \"{request.Format}\".");
        }

        var guide = GuideImport.Parse(PreviewId, title, format, request.Content);
        try
        {
            guide = GuideEdits.Apply(guide, request.Delete ?? [], request.MergeWithNext ?? []);
        }
        catch (ArgumentOutOfRangeException problem)
        {
            // The engine's own words, without .NET's "(Parameter …) Actual value …" tail.
            var message = problem.Message;
            var tail = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            return Reply<Guide>.Fail(ErrorCodes.BadEdit, tail > 0 ? message[..tail] : message);
        }

        if (guide.Paragraphs.Count == 0)
        {
            return Reply<Guide>.Fail(ErrorCodes.GuideEmpty, "Nothing in this text can be typed, or every paragraph was deleted.");
        }

        return guide.Paragraphs.Count > options.MaxImportParagraphs
            ? Reply<Guide>.Fail(ErrorCodes.GuideTooLarge, $"A guide has at most {options.MaxImportParagraphs:N0} paragraphs; this one has {guide.Paragraphs.Count:N0}.")
            : Reply<Guide>.Ok(guide);
    }

    /// <summary>The id a preview's guide carries: it is not saved, so it has none of its own.</summary>
    public const string PreviewId = "preview";

    public static ImportedGuide ToImported(Guide guide, string ownerId, DateTimeOffset now) =>
        new(guide.Title, [.. guide.Paragraphs.Select(p => new GuideParagraph(p.Kind, p.Section, p.Text))], ownerId, now);

    /// <summary>A saved guide as rooms race it: its paragraphs as they were saved, numbered and named again.</summary>
    public static Guide ToGuide(string guideId, ImportedGuide imported) =>
        GuideImport.FromParagraphs(guideId, imported.Title, imported.Paragraphs.Select(p => (p.Kind, p.Section, p.Text)));
}
