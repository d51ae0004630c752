using System.Text;

namespace TypingRace.Engine.Guides;

/// <summary>The text of one race: consecutive paragraphs of a guide, indexed by code point.</summary>
public sealed class Passage
{
    private readonly int[] codePoints;

    // autoFilledPrefix[i] = auto-filled code points in [0, i): both questions about skipped code points in O(1).
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

    /// <summary>Code points of <paramref name="text"/> a racer would type, were it a passage of its own.</summary>
    internal static int TypedIn(string text)
    {
        var codePoints = TypeableText.CodePoints(text);
        return codePoints.Length - AutoFilledPrefix(codePoints)[^1];
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
    /// True for a code point the racer never types, which the cursor skips and WPM leaves out:
    /// <list type="bullet">
    /// <item>the leading spaces and tabs of a line that follows a newline, as an editor's auto-indent fills them in;</item>
    /// <item>a code point with no key (<see cref="TypeableText.HasKey"/>), such as an emoji or a bullet;</item>
    /// <item>one space beside a run of such code points, so the words around it are typed with one space between them,
    /// as they would be without it: the space after the run when it starts the passage, starts a line or follows a
    /// space, otherwise the space before the run when it ends the passage or its line.</item>
    /// </list>
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

    /// <summary>
    /// The auto-filled code points as maximal runs in passage order, so a client can show them as filled in
    /// without keeping its own copy of the rule.
    /// </summary>
    public IReadOnlyList<(int Start, int Length)> AutoFilledRanges()
    {
        var ranges = new List<(int Start, int Length)>();
        for (var i = 0; i < codePoints.Length; i++)
        {
            if (!IsAutoFilled(i))
            {
                continue;
            }

            if (ranges.Count > 0 && ranges[^1].Start + ranges[^1].Length == i)
            {
                ranges[^1] = (ranges[^1].Start, ranges[^1].Length + 1);
            }
            else
            {
                ranges.Add((i, 1));
            }
        }

        return ranges.AsReadOnly();
    }

    private static void CheckIndex(int index, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, max);
    }

    private static int[] AutoFilledPrefix(int[] codePoints)
    {
        var filled = new bool[codePoints.Length];
        var afterNewline = false; // only spaces and tabs since the last newline
        for (var i = 0; i < codePoints.Length; i++)
        {
            var indentation = afterNewline && codePoints[i] is ' ' or '\t';
            afterNewline = indentation || codePoints[i] == '\n';
            filled[i] = indentation || !TypeableText.HasKey(codePoints[i]);
        }

        FillSpacesBesideKeylessRuns(codePoints, filled);

        var prefix = new int[codePoints.Length + 1];
        for (var i = 0; i < codePoints.Length; i++)
        {
            prefix[i + 1] = prefix[i] + (filled[i] ? 1 : 0);
        }

        return prefix;
    }

    // Without this, "ship it 🚀 today" would ask for two spaces in a row and "done 🎉" for a space at the end.
    private static void FillSpacesBesideKeylessRuns(int[] codePoints, bool[] filled)
    {
        var i = 0;
        while (i < codePoints.Length)
        {
            if (TypeableText.HasKey(codePoints[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < codePoints.Length && !TypeableText.HasKey(codePoints[i]))
            {
                i++;
            }

            int? before = start > 0 ? codePoints[start - 1] : null;
            int? after = i < codePoints.Length ? codePoints[i] : null;
            if (after == ' ' && before is null or ' ' or '\t' or '\n')
            {
                filled[i] = true;
            }
            else if (before == ' ' && after is null or '\n')
            {
                filled[start - 1] = true;
            }
        }
    }
}
