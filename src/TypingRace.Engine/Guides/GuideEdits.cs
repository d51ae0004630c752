namespace TypingRace.Engine.Guides;

/// <summary>The review of an imported guide: paragraphs that are page chrome go, pieces of one paragraph come together.</summary>
public static class GuideEdits
{
    /// <summary>
    /// Deletes the paragraphs at <paramref name="delete"/>, then merges each paragraph at <paramref name="mergeWithNext"/>
    /// with the next one left, so a paragraph cut in two by a deleted page footer can be mended in one go. Indexes are
    /// those of <paramref name="guide"/>. A merged paragraph keeps the first one's kind and section; code is joined with
    /// a newline, anything else with a space. Indexes and ids are then given out afresh as the parsers give them, so an
    /// unchanged paragraph keeps its id unless an earlier copy of the same text went. Deleting every paragraph leaves
    /// a guide with none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An index outside the guide, a merge of a paragraph that is deleted too, or one with no paragraph left after it.
    /// </exception>
    public static Guide Apply(Guide guide, IReadOnlyCollection<int> delete, IReadOnlyCollection<int> mergeWithNext)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(delete);
        ArgumentNullException.ThrowIfNull(mergeWithNext);
        var count = guide.Paragraphs.Count;
        var deleted = new HashSet<int>();
        foreach (var index in delete)
        {
            CheckInGuide(index, count, nameof(delete));
            deleted.Add(index);
        }

        var merged = new HashSet<int>();
        foreach (var index in mergeWithNext)
        {
            CheckInGuide(index, count, nameof(mergeWithNext));
            if (deleted.Contains(index))
            {
                throw new ArgumentOutOfRangeException(nameof(mergeWithNext), index, $"Paragraph {index} is deleted, so it cannot be merged with the next one.");
            }

            if (!Enumerable.Range(index + 1, count - index - 1).Any(next => !deleted.Contains(next)))
            {
                throw new ArgumentOutOfRangeException(nameof(mergeWithNext), index, $"Paragraph {index} has no paragraph left after it to merge with.");
            }

            merged.Add(index);
        }

        var ids = new ParagraphIds(guide.Id);
        var paragraphs = new List<Paragraph>();
        Paragraph? open = null;
        for (var index = 0; index < count; index++)
        {
            if (deleted.Contains(index))
            {
                continue;
            }

            var paragraph = guide.Paragraphs[index];
            open = open is null ? paragraph : open with { Text = Join(open.Kind, open.Text, paragraph.Text) };
            if (!merged.Contains(index))
            {
                paragraphs.Add(new Paragraph(ids.Next(open.Text), paragraphs.Count, open.Kind, open.Section, open.Text));
                open = null;
            }
        }

        return new Guide(guide.Id, guide.Title, paragraphs.AsReadOnly());
    }

    // Prose is one line to type, so code merged into it loses its line breaks as well.
    private static string Join(ParagraphKind kind, string first, string second) => kind == ParagraphKind.Code
        ? $"{first}\n{second}"
        : ParagraphText.CollapseWhitespace($"{first} {second}");

    private static void CheckInGuide(int index, int count, string parameter)
    {
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(parameter, index, $"There is no paragraph {index}: the guide has {count}, numbered from 0.");
        }
    }
}
