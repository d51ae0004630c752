using System.Security.Cryptography;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TypingRace.Engine.Guides;

/// <summary>Turns a Markdown guide into the typeable paragraphs a reader sees.</summary>
public static class GuideParser
{
    /// <summary>Joins a table row's cells: a pipe reads like the table's border and any keyboard has one.</summary>
    public const string TableCellSeparator = " | ";

    /// <summary>A code block of more lines than this is split at its blank lines.</summary>
    public const int CodeSplitThreshold = 12;

    private const int HashHexDigits = 12;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static Guide Parse(string guideId, string markdown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guideId);
        ArgumentNullException.ThrowIfNull(markdown);
        var collector = new Collector(guideId);
        collector.Visit(Markdown.Parse(markdown, Pipeline));
        return collector.ToGuide();
    }

    /// <summary>The stable part of a paragraph id: an edited text hashes differently, so it is a new paragraph.</summary>
    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashHexDigits];

    /// <summary>Walks the document in reading order, remembering the current section.</summary>
    private sealed class Collector(string guideId)
    {
        private readonly List<Paragraph> paragraphs = [];
        private readonly Dictionary<string, int> timesSeen = [];
        private string? title;
        private string section = "";

        public Guide ToGuide() => new(guideId, title ?? guideId, paragraphs.AsReadOnly());

        public void Visit(ContainerBlock container)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        section = InlineText(heading.Inline);
                        if (heading.Level == 1 && title is null && section.Length > 0)
                        {
                            title = section;
                        }

                        break;
                    case ParagraphBlock paragraph:
                        Add(paragraph.Parent is ListItemBlock ? ParagraphKind.ListItem : ParagraphKind.Prose, InlineText(paragraph.Inline));
                        break;
                    case Table table:
                        foreach (var row in table.OfType<TableRow>())
                        {
                            Add(ParagraphKind.TableRow, RowText(row));
                        }

                        break;
                    case CodeBlock code:
                        foreach (var piece in CodePieces(code))
                        {
                            Add(ParagraphKind.Code, piece);
                        }

                        break;
                    case ContainerBlock inner:
                        Visit(inner);
                        break;
                    // HTML blocks, thematic breaks and link definitions are markup, not text a reader sees.
                }
            }
        }

        private void Add(ParagraphKind kind, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            var id = $"{guideId}:{HashOf(text)}";
            var seen = timesSeen.GetValueOrDefault(id) + 1;
            timesSeen[id] = seen;
            paragraphs.Add(new Paragraph(seen == 1 ? id : $"{id}-{seen}", paragraphs.Count, kind, section, text));
        }
    }

    private static string RowText(TableRow row) => string.Join(
        TableCellSeparator,
        row.OfType<TableCell>()
            .Select(cell => string.Join(' ', cell.OfType<ParagraphBlock>().Select(paragraph => InlineText(paragraph.Inline))))
            // An empty cell would leave a doubled separator to type with nothing between.
            .Where(text => text.Length > 0));

    private static string InlineText(ContainerInline? inline)
    {
        var raw = new StringBuilder();
        if (inline is not null)
        {
            AppendText(raw, inline);
        }

        return CollapseWhitespace(TypeableText.Normalize(raw.ToString()));
    }

    private static void AppendText(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            // An image shows a picture, not its alt text.
            case LinkInline { IsImage: true }:
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AppendText(text, child);
                }

                break;
            // Inline HTML tags are markup; the text between them is still visited as literals.
        }
    }

    /// <summary>Prose is one line to type: line breaks and runs of spaces become a single space.</summary>
    private static string CollapseWhitespace(string text)
    {
        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (collapsed.Length > 0 && collapsed[^1] != ' ')
                {
                    collapsed.Append(' ');
                }
            }
            else
            {
                collapsed.Append(c);
            }
        }

        return collapsed.ToString().TrimEnd(' ');
    }

    /// <summary>
    /// Code keeps its lines and indentation. A long block is cut at blank lines into pieces of at most
    /// <see cref="CodeSplitThreshold"/> lines where it can be, so one race is not a whole file.
    /// </summary>
    private static IEnumerable<string> CodePieces(CodeBlock code)
    {
        var lines = TypeableText.Normalize(code.Lines.ToString()).Split('\n').Select(line => line.TrimEnd()).ToArray();
        int? pieceStart = null;
        var pieceEnd = 0;
        foreach (var (start, end) in Stanzas(lines))
        {
            if (pieceStart is { } open && end - open + 1 > CodeSplitThreshold)
            {
                yield return string.Join('\n', lines[open..(pieceEnd + 1)]);
                pieceStart = start;
            }

            pieceStart ??= start;
            pieceEnd = end;
        }

        if (pieceStart is { } last)
        {
            yield return string.Join('\n', lines[last..(pieceEnd + 1)]);
        }
    }

    /// <summary>Runs of non-blank lines, as inclusive line ranges; blank lines before and after are left out.</summary>
    private static IEnumerable<(int Start, int End)> Stanzas(string[] lines)
    {
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || lines[i].Length == 0)
            {
                if (i > start)
                {
                    yield return (start, i - 1);
                }

                start = i + 1;
            }
        }
    }
}
