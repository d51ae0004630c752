using System.Text.RegularExpressions;

namespace TypingRace.Engine.Guides;

/// <summary>One way in for a guide someone imports, whatever its format.</summary>
public static partial class GuideImport
{
    /// <summary>
    /// Parses the content as the format says. A title with something in it (normalised as prose is) replaces the one
    /// the content gives; an empty one keeps it: the first level-one heading of Markdown, the first section title of
    /// plain text, else the guide id. Markdown gives exactly what <see cref="GuideParser.Parse"/> gives.
    /// </summary>
    public static Guide Parse(string guideId, string title, GuideFormat format, string content)
    {
        ArgumentNullException.ThrowIfNull(title);
        var guide = format switch
        {
            GuideFormat.Markdown => GuideParser.Parse(guideId, content),
            GuideFormat.Text => PlainTextGuideParser.Parse(guideId, content),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown guide format."),
        };
        var given = ParagraphText.Prose(title);
        return given.Length == 0 ? guide : guide with { Title = given };
    }

    /// <summary>
    /// A guide from paragraphs kept earlier (an import as it was reviewed and saved), numbered and named as the
    /// parsers number and name them, so the saved guide shows exactly the paragraphs its owner reviewed.
    /// </summary>
    public static Guide FromParagraphs(string guideId, string title, IEnumerable<(ParagraphKind Kind, string Section, string Text)> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var collector = new ParagraphCollector(guideId);
        foreach (var (kind, section, text) in paragraphs)
        {
            collector.Add(kind, section, text);
        }

        return new Guide(guideId, title, collector.Paragraphs);
    }

    /// <summary>
    /// The format of an uploaded file by its extension (.md and .markdown are Markdown, .txt is text); for any other
    /// name, or none (pasted text), <see cref="LooksLikeMarkdown"/> decides.
    /// </summary>
    public static GuideFormat FormatOf(string? fileName, string content) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".md" or ".markdown" => GuideFormat.Markdown,
            ".txt" => GuideFormat.Text,
            _ => LooksLikeMarkdown(content) ? GuideFormat.Markdown : GuideFormat.Text,
        };

    /// <summary>
    /// True when the content has Markdown structure that plain text almost never has: an ATX heading (<c># Title</c>,
    /// up to six <c>#</c> and a space at the start of a line), a code fence (<c>```</c> or <c>~~~</c> opening a line),
    /// an inline link (<c>[text](target)</c>), a pipe table's separator line (only pipes, dashes, colons and spaces,
    /// with at least one pipe and one dash, like <c>|---|:--:|</c>), or strong emphasis (<c>**bold**</c>, the stars
    /// against the words inside and not against a letter or digit outside, so <c>a**2 + b**2</c> is not). Bullets and numbered lists prove nothing, as plain text has them too; neither do single
    /// stars or underscores, which code and names such as <c>__init__</c> are full of.
    /// </summary>
    public static bool LooksLikeMarkdown(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return AtxHeading().IsMatch(content)
            || Fence().IsMatch(content)
            || InlineLink().IsMatch(content)
            || TableSeparator().IsMatch(content)
            || StrongEmphasis().IsMatch(content);
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+\S", RegexOptions.Multiline)]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?:```|~~~)", RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"\[[^\]\n]+\]\([^)\s]+\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[ \t]*(?=[^\n]*\|)(?=[^\n]*-)[|:\- \t]+\r?$", RegexOptions.Multiline)]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"(?<![\w*])\*\*(?=\S)[^*\n]+(?<=\S)\*\*(?![\w*])")]
    private static partial Regex StrongEmphasis();
}
