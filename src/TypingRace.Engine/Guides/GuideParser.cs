using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TypingRace.Engine.Guides;

/// <summary>
/// Turns a Markdown guide into the typeable paragraphs a reader sees. A paragraph with nothing to type (see
/// <see cref="TypeableText.HasSomethingToType"/>) is left out, as an empty one is.
/// </summary>
public static class GuideParser
{
    /// <summary>Joins a table row's cells: a pipe reads like the table's border and any keyboard has one.</summary>
    public const string TableCellSeparator = " | ";

    /// <summary>A code block of more lines than this is split at its blank lines.</summary>
    public const int CodeSplitThreshold = 12;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static Guide Parse(string guideId, string markdown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guideId);
        ArgumentNullException.ThrowIfNull(markdown);
        var collector = new Collector(guideId);
        collector.Visit(Markdown.Parse(markdown, Pipeline));
        return collector.ToGuide();
    }

    /// <summary>Walks the document in reading order, remembering the current section.</summary>
    private sealed class Collector(string guideId)
    {
        private readonly ParagraphCollector paragraphs = new(guideId);
        private string? title;
        private string section = "";

        public Guide ToGuide() => new(guideId, title ?? guideId, paragraphs.Paragraphs);

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
                        foreach (var piece in ParagraphText.CodePieces(code.Lines.ToString()))
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

        private void Add(ParagraphKind kind, string text) => paragraphs.Add(kind, section, text);
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

        return ParagraphText.Prose(raw.ToString());
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
}
