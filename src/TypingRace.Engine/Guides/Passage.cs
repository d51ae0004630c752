using System.Text;

namespace TypingRace.Engine.Guides;

/// <summary>The text of one race: consecutive paragraphs of a guide, indexed by code point.</summary>
public sealed class Passage
{
    private readonly int[] codePoints;

    // autoFilledPrefix[i] = auto-filled code points in [0, i): both questions about indentation in O(1).
    private readonly int[] autoFilledPrefix;

    internal Passage(string guideId, string firstParagraphId, PassageLength length, string text, IReadOnlyList<PassageSegment> segments)
    {
        GuideId = guideId;
        FirstParagraphId = firstParagraphId;
        Length = length;
        Text = text;
        Segments = segments;
        codePoints = TypeableText.CodePoints(text);
        autoFilledPrefix = AutoFilledPrefix(codePoints);
    }

    public string GuideId { get; }

    public int FirstParagraphIndex => Segments[0].ParagraphIndex;

    public int ParagraphCount => Segments.Count;

    /// <summary>Where the next race starts; equal to the guide's paragraph count when this passage ends the guide.</summary>
    public int NextParagraphIndex => FirstParagraphIndex + ParagraphCount;

    /// <summary>Whether this passage runs to the last paragraph of <paramref name="guide"/>, its own guide.</summary>
    public bool EndsGuide(Guide guide) => NextParagraphIndex >= guide.Paragraphs.Count;

    /// <summary>Where the race after this one starts: the next paragraph, or the first once this passage ends the guide.</summary>
    public int FollowingParagraphIndex(Guide guide) => EndsGuide(guide) ? 0 : NextParagraphIndex;

    /// <summary>With <see cref="Length"/>, the key of this passage's leaderboards.</summary>
    public string FirstParagraphId { get; }

    public PassageLength Length { get; }

    public string Text { get; }

    /// <summary>Code points in <see cref="Text"/>.</summary>
    public int CharacterCount => codePoints.Length;

    public IReadOnlyList<PassageSegment> Segments { get; }

    public int CodePointAt(int index)
    {
        CheckIndex(index, codePoints.Length - 1);
        return codePoints[index];
    }

    /// <summary>The code points [start, start + length) as a string.</summary>
    public string Slice(int start, int length)
    {
        var slice = new StringBuilder(length);
        Span<char> utf16 = stackalloc char[2];
        foreach (var codePoint in codePoints.AsSpan(start, length))
        {
            slice.Append(utf16[..new Rune(codePoint).EncodeToUtf16(utf16)]);
        }

        return slice.ToString();
    }

    /// <summary>
    /// True for the leading spaces and tabs of a line that follows a newline: an editor's auto-indent
    /// fills them in, so the racer never types them.
    /// </summary>
    public bool IsAutoFilled(int index)
    {
        CheckIndex(index, codePoints.Length - 1);
        return autoFilledPrefix[index + 1] > autoFilledPrefix[index];
    }

    /// <summary>Auto-filled code points in [0, <paramref name="position"/>).</summary>
    public int AutoFilledBefore(int position)
    {
        CheckIndex(position, codePoints.Length);
        return autoFilledPrefix[position];
    }

    private static void CheckIndex(int index, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, max);
    }

    private static int[] AutoFilledPrefix(int[] codePoints)
    {
        var prefix = new int[codePoints.Length + 1];
        var afterNewline = false; // only spaces and tabs since the last newline
        for (var i = 0; i < codePoints.Length; i++)
        {
            var filled = afterNewline && codePoints[i] is ' ' or '\t';
            afterNewline = filled || codePoints[i] == '\n';
            prefix[i + 1] = prefix[i] + (filled ? 1 : 0);
        }

        return prefix;
    }
}
