using System.Text;
using System.Text.RegularExpressions;

namespace TypingRace.Engine.Guides;

/// <summary>
/// Turns plain text, as copied out of a web page or a PDF, into the same typeable paragraphs
/// <see cref="GuideParser"/> makes of Markdown. The text is first made typeable with <see cref="TypeableText.Normalize"/>;
/// then lines are read in runs of non-blank lines ("blocks"), one block at a time:
/// <list type="bullet">
/// <item>No Markdown is interpreted: <c>*</c>, <c>_</c>, backticks and <c>#</c> are typed as they stand.</item>
/// <item>A block that looks like code (see <see cref="IsCodeBlock"/>) is one Code paragraph that keeps its lines and
/// indentation, less the indentation all its lines share; tabs stay tabs, as in Markdown code. A block after it
/// whose first line has a code signal and most of whose lines do continues it across the blank lines between.
/// A code paragraph longer than <see cref="GuideParser.CodeSplitThreshold"/> lines is split at blank lines as
/// Markdown code is.</item>
/// <item>A block of one short line (at most <see cref="TitleMaxCharacters"/> characters and <see cref="TitleMaxWords"/>
/// words, with a letter or digit, not ending in <c>. ! ? : ; ,</c>, not a list item) is a section title when what
/// comes after it, past any further such lines, is a paragraph. Titles are not typed; the last of several in a row
/// names the section. The first title is the guide's title unless the import gives one; failing both, the guide id.</item>
/// <item>A line starting with a bullet (<c>• ◦ ‣ ▪ ● - *</c>) or a number (<c>1.</c>, <c>2)</c>) and a space begins a
/// list item, without its marker; leading whitespace is allowed. Indented lines after it that begin no item of their
/// own continue it, joined with a space.</item>
/// <item>Any other lines of a block make one prose paragraph: lines joined with a space (a PDF's line wraps), runs of
/// spaces collapsed to one.</item>
/// <item>A line with nothing to type (only emoji, bullets, box drawing) counts as blank.</item>
/// </list>
/// Menus, share buttons, comment counts and flattened tables come through as ordinary paragraphs (or, when short,
/// as titles): no rule guesses at them; the importer deletes or merges them with <see cref="GuideEdits.Apply"/>.
/// </summary>
public static partial class PlainTextGuideParser
{
    public const int TitleMaxCharacters = 80;

    public const int TitleMaxWords = 10;

    public static Guide Parse(string guideId, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guideId);
        ArgumentNullException.ThrowIfNull(text);
        var lines = LinesOf(text);
        var blocks = BlocksOf(lines);
        var candidates = blocks.Select(block => IsTitleCandidate(block.Lines(lines))).ToArray();

        var paragraphs = new ParagraphCollector(guideId);
        string? title = null;
        var section = "";
        for (var b = 0; b < blocks.Count; b++)
        {
            var block = blocks[b].Lines(lines);
            if (CodeStart(block) is { } codeStart)
            {
                AddText(paragraphs, section, block[..codeStart]);
                var first = blocks[b].Start + codeStart;
                while (b + 1 < blocks.Count && ContinuesCode(blocks[b + 1].Lines(lines)))
                {
                    b++;
                }

                foreach (var piece in ParagraphText.CodePieces(Dedent(lines[first..blocks[b].End])))
                {
                    paragraphs.Add(ParagraphKind.Code, section, piece);
                }
            }
            else if (candidates[b] && candidates.Skip(b).SkipWhile(candidate => candidate).Any())
            {
                section = ParagraphText.Prose(block[0]);
                title ??= section;
            }
            else
            {
                AddText(paragraphs, section, block);
            }
        }

        return new Guide(guideId, title ?? guideId, paragraphs.Paragraphs);
    }

    /// <summary>
    /// Whether a block of lines is code: more than half of its lines show a code signal, and at least one shows a
    /// signal other than indentation, which alone marks an indented quotation as well as code. The signals:
    /// <list type="bullet">
    /// <item>indentation: two or more spaces, or a tab, at the start;</item>
    /// <item>the line is only brackets, perhaps with a final <c>;</c> or <c>,</c> (<c>}</c>, <c>})</c>, <c>];</c>);</item>
    /// <item>it ends with <c>{</c>, <c>}</c> or <c>;</c>;</item>
    /// <item>it ends with <c>:</c> and starts with a block keyword (<c>if</c>, <c>elif</c>, <c>else</c>, <c>while</c>,
    /// <c>try</c>, <c>except</c>, <c>finally</c>, <c>case</c>, <c>default</c>, <c>def</c>, <c>class</c>, <c>match</c>,
    /// or <c>for … in …</c> and <c>with … as …</c>), so a sentence ending in a colon is not code;</item>
    /// <item>it is a call: a name or dotted name, straight away an opening parenthesis, and a closing one at the end;</item>
    /// <item>it contains <c>:=</c>, <c>=&gt;</c>, <c>-&gt;</c>, <c>&lt;-</c>, <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>,
    /// <c>||</c> or <c>();</c>, or a long option such as <c>--force</c>;</item>
    /// <item>after its indentation it starts with a keyword of a common language (<c>func </c>, <c>def </c>, <c>class </c>,
    /// <c>return</c>, <c>import </c>, <c>package </c>, <c>var </c>, <c>let </c>, <c>const </c>, <c>public </c>,
    /// <c>private </c>, <c>static </c>, <c>using </c>, <c>fn </c>, <c>defer </c>, <c>if (</c>, <c>for (</c>,
    /// <c>while (</c>, <c>#include</c> and a few more), a comment (<c>//</c>, <c>/*</c>) or a shell prompt (<c>$ </c>).</item>
    /// </list>
    /// Keywords are matched in lower case only: a sentence starting "If" or "Return" is not code.
    /// </summary>
    internal static bool IsCodeBlock(IReadOnlyList<string> lines)
    {
        var signalled = 0;
        var strong = false;
        foreach (var line in lines)
        {
            var signal = SignalOf(line);
            signalled += signal == Signal.None ? 0 : 1;
            strong |= signal == Signal.Strong;
        }

        return strong && signalled * 2 > lines.Count;
    }

    private enum Signal
    {
        None,
        Indentation,
        Strong,
    }

    private static Signal SignalOf(string line)
    {
        var code = line.Trim();
        var strong = BracketsOnly().IsMatch(code)
            || code.EndsWith('{') || code.EndsWith('}') || code.EndsWith(';')
            || BlockKeywordWithColon().IsMatch(code)
            || Call().IsMatch(code)
            || CodeToken().IsMatch(code)
            || KeywordStart().IsMatch(code);
        return strong ? Signal.Strong
            : line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith('\t') ? Signal.Indentation
            : Signal.None;
    }

    /// <summary>
    /// Where the code of a block starts, or null when the block is not code. Lines without a signal above the code,
    /// the last of them ending in a colon ("Run it like this:"), introduce it and stay text.
    /// </summary>
    private static int? CodeStart(string[] block)
    {
        var intro = 0;
        while (intro < block.Length && SignalOf(block[intro]) == Signal.None)
        {
            intro++;
        }

        if (intro > 0 && intro < block.Length && block[intro - 1].EndsWith(':') && IsCodeBlock(block[intro..]))
        {
            return intro;
        }

        return IsCodeBlock(block) ? 0 : null;
    }

    /// <summary>A block after code goes on with it when it opens with a code line and is mostly code, even if only indented.</summary>
    private static bool ContinuesCode(string[] block) =>
        SignalOf(block[0]) != Signal.None && block.Count(line => SignalOf(line) != Signal.None) * 2 > block.Length;

    private static bool IsTitleCandidate(string[] block)
    {
        if (block.Length != 1 || ListItemText(block[0]) is not null || IsCodeBlock(block))
        {
            return false;
        }

        var line = ParagraphText.Prose(block[0]);
        return TypeableText.CodePointCount(line) <= TitleMaxCharacters
            && line.Split(' ').Length <= TitleMaxWords
            && line[^1] is not ('.' or '!' or '?' or ':' or ';' or ',')
            && line.EnumerateRunes().Any(Rune.IsLetterOrDigit);
    }

    /// <summary>List items and prose of a block that is not code.</summary>
    private static void AddText(ParagraphCollector paragraphs, string section, string[] block)
    {
        var text = new StringBuilder();
        var kind = ParagraphKind.Prose;
        foreach (var line in block)
        {
            if (ListItemText(line) is { } item)
            {
                Flush();
                kind = ParagraphKind.ListItem;
                text.Append(item);
            }
            else if (kind == ParagraphKind.ListItem && line[0] is ' ' or '\t')
            {
                text.Append(' ').Append(line);
            }
            else
            {
                if (kind == ParagraphKind.ListItem)
                {
                    Flush();
                    kind = ParagraphKind.Prose;
                }

                text.Append(' ').Append(line);
            }
        }

        Flush();

        void Flush()
        {
            paragraphs.Add(kind, section, ParagraphText.Prose(text.ToString()));
            text.Clear();
        }
    }

    private static string? ListItemText(string line) => ListItem().Match(line) is { Success: true } match ? match.Groups["text"].Value : null;

    /// <summary>The lines less the leading whitespace all the non-blank ones share: the first line's is not auto-filled.</summary>
    private static string Dedent(string[] lines)
    {
        string? shared = null;
        foreach (var line in lines.Where(line => line.Length > 0))
        {
            var indentation = line[..(line.Length - line.TrimStart(' ', '\t').Length)];
            shared = shared is null ? indentation : CommonPrefix(shared, indentation);
        }

        return string.Join('\n', lines.Select(line => line.Length == 0 ? line : line[(shared?.Length ?? 0)..]));
    }

    private static string CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return a[..length];
    }

    /// <summary>Normalised lines without trailing whitespace; a line with nothing to type becomes blank.</summary>
    private static string[] LinesOf(string text)
    {
        var unified = text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n')
            // A PDF's page break and Unicode's line separator end a line; its paragraph separator ends a paragraph.
            .Replace('\f', '\n')
            .Replace('\u2028', '\n')
            .Replace("\u2029", "\n\n", StringComparison.Ordinal);
        return TypeableText.Normalize(unified)
            .Split('\n')
            .Select(line => TypeableText.HasSomethingToType(line) ? line.TrimEnd() : "")
            .ToArray();
    }

    private static List<Block> BlocksOf(string[] lines)
    {
        var blocks = new List<Block>();
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || lines[i].Length == 0)
            {
                if (i > start)
                {
                    blocks.Add(new Block(start, i));
                }

                start = i + 1;
            }
        }

        return blocks;
    }

    /// <summary>Lines [Start, End) of the text, all non-blank.</summary>
    private readonly record struct Block(int Start, int End)
    {
        public string[] Lines(string[] all) => all[Start..End];
    }

    [GeneratedRegex(@"^\s*(?:[•◦‣▪●*-]|\d{1,3}[.)])[ \t]+(?<text>\S.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^[{}()\[\]]+[;,]?$")]
    private static partial Regex BracketsOnly();

    // Python's "for" and "with" lines are told from sentences ("for example:", "with care:") by their "in" and "as".
    [GeneratedRegex(@"^(?:(?:if|elif|else|while|try|except|finally|case|default|def|class|match)\b.*|for\s.+\sin\s.+|with\s.+\sas\s.+):$")]
    private static partial Regex BlockKeywordWithColon();

    [GeneratedRegex(@"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(.*\)[;,]?$")]
    private static partial Regex Call();

    [GeneratedRegex(@":=|=>|->|<-|==|!=|&&|\|\||\(\);|(?:^|\s)--[a-z]")]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"^(?:(?:func|def|class|import|package|var|let|const|public|private|protected|static|using|namespace|fn|defer|struct)\s|return\b|(?:if|for|foreach|while|switch|catch)\s?\(|#include|//|/\*|\$\s|\}\s*else\b)")]
    private static partial Regex KeywordStart();
}
