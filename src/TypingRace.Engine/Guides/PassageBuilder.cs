using System.Text;

namespace TypingRace.Engine.Guides;

public static class PassageBuilder
{
    /// <summary>
    /// Starts at the paragraph and adds the following ones until the length class is reached, in characters the
    /// racer types (what is filled in, such as emoji or indentation, does not count); at the end of the guide the
    /// passage is simply shorter. Paragraphs are joined by a space, or by a newline when either side is code, so code
    /// keeps its lines.
    /// </summary>
    public static Passage Build(Guide guide, int firstParagraphIndex, PassageLength length)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentOutOfRangeException.ThrowIfNegative(firstParagraphIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(firstParagraphIndex, guide.Paragraphs.Count);
        var minimum = PassageLengths.MinimumCharacters(length);

        var text = new StringBuilder();
        var segments = new List<PassageSegment>();
        var characters = 0;
        var typed = 0;
        for (var index = firstParagraphIndex; index < guide.Paragraphs.Count && typed < minimum; index++)
        {
            var paragraph = guide.Paragraphs[index];
            if (segments.Count > 0)
            {
                var previous = segments[^1];
                text.Append(previous.Kind == ParagraphKind.Code || paragraph.Kind == ParagraphKind.Code ? '\n' : ' ');
                segments[^1] = previous with { Length = previous.Length + 1 };
                characters++;
                typed++;
            }

            segments.Add(new PassageSegment(characters, paragraph.Length, paragraph.Kind, index));
            text.Append(paragraph.Text);
            characters += paragraph.Length;
            typed += Passage.TypedIn(paragraph.Text);
        }

        return new Passage(guide.Id, guide.Paragraphs[firstParagraphIndex].Id, length, text.ToString(), segments.AsReadOnly());
    }
}
