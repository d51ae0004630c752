using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Cohorts;

/// <summary>One step of a marathon: the passage that starts at a paragraph, as long as its length class asks.</summary>
public sealed record MarathonStep(int Index, int FirstParagraphIndex, int ParagraphCount, string Section);

/// <summary>The rules of a marathon through a whole guide (docs/cohorts.md, "Marathon").</summary>
public static class Marathon
{
    /// <summary>
    /// The guide cut into passages of <paramref name="length"/>, each starting where the one before ended, to the
    /// guide's end: the same passages a room's "next paragraph" would walk through.
    /// </summary>
    public static IReadOnlyList<MarathonStep> Steps(Guide guide, PassageLength length)
    {
        ArgumentNullException.ThrowIfNull(guide);
        var steps = new List<MarathonStep>();
        for (var first = 0; first < guide.Paragraphs.Count;)
        {
            var passage = PassageBuilder.Build(guide, first, length);
            steps.Add(new MarathonStep(steps.Count, first, passage.ParagraphCount, guide.Paragraphs[first].Section));
            first = passage.NextParagraphIndex;
        }

        return steps;
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
