using System.Text;

namespace TypingRace.Engine.Guides;

/// <summary>How every parser shapes the text of prose and of code, so a guide reads the same whatever format it came in.</summary>
internal static class ParagraphText
{
    /// <summary>Prose is one line to type: line breaks and runs of spaces become a single space.</summary>
    public static string Prose(string raw) => CollapseWhitespace(TypeableText.Normalize(raw));

    public static string CollapseWhitespace(string text)
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
    /// Code keeps its lines and indentation, less trailing whitespace. A long block is cut at blank lines into pieces
    /// of at most <see cref="GuideParser.CodeSplitThreshold"/> lines where it can be, so one race is not a whole file.
    /// </summary>
    public static IEnumerable<string> CodePieces(string code)
    {
        var lines = TypeableText.Normalize(code).Split('\n').Select(line => line.TrimEnd()).ToArray();
        int? pieceStart = null;
        var pieceEnd = 0;
        foreach (var (start, end) in Stanzas(lines))
        {
            if (pieceStart is { } open && end - open + 1 > GuideParser.CodeSplitThreshold)
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
