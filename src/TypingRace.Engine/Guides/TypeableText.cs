using System.Text;

namespace TypingRace.Engine.Guides;

/// <summary>
/// Makes text typeable on a plain keyboard and measures it in code points, the unit every
/// index, length and score in the game uses.
/// </summary>
public static class TypeableText
{
    /// <summary>
    /// Typographic punctuation and spaces become their plain-keyboard forms, then NFC.
    /// Letters of any script, and emoji, are kept as they are.
    /// </summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        StringBuilder? builder = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var plain = PlainFormOf(raw[i]);
            if (plain is null)
            {
                builder?.Append(raw[i]);
                continue;
            }

            builder ??= new StringBuilder(raw.Length).Append(raw, 0, i);
            builder.Append(plain);
        }

        // Composing last, so removing an invisible character between a letter and its accent still composes them.
        return (builder?.ToString() ?? raw).Normalize(NormalizationForm.FormC);
    }

    public static int CodePointCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static int[] CodePoints(string text)
    {
        var codePoints = new int[CodePointCount(text)];
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            codePoints[i++] = rune.Value;
        }

        return codePoints;
    }

    // Every character with a plain form is in the BMP, so looking at UTF-16 units is enough.
    private static string? PlainFormOf(char c) => c switch
    {
        // Hyphens, dashes and the minus sign: a keyboard has one "-".
        (>= '\u2010' and <= '\u2015') or '\u2212' => "-",
        '\u2018' or '\u2019' or '\u201A' or '\u201B' => "'",
        '\u201C' or '\u201D' or '\u201E' or '\u201F' => "\"",
        '\u2026' => "...",
        // No-break, thin, narrow and other fixed-width spaces look like a space, so a racer types one.
        '\u00A0' or (>= '\u2000' and <= '\u200A') or '\u202F' or '\u205F' => " ",
        // Invisible characters (soft hyphen, zero-width space, word joiner, BOM) cannot be typed at all.
        '\u00AD' or '\u200B' or '\u2060' or '\uFEFF' => "",
        _ => null,
    };
}
