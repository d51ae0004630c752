using System.Globalization;
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
    /// Letters of any script, and emoji, are kept as they are: emoji are shown, though <see cref="HasKey"/> says they are not typed.
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

    /// <summary>
    /// Whether a keyboard has a key for the code point, so a racer types it; a code point without one is shown
    /// but skipped (see <see cref="Passage.IsAutoFilled"/>). The rule, first match wins:
    /// <list type="number">
    /// <item>ASCII, and Latin-1 above U+00A0 (° © ® ¦ are symbols, but on European layouts or a Mac's Option layer): a key.</item>
    /// <item>No key, whatever their category: bullets (• ‣ ⁃ ⁌ ⁍ ∙), arrows (U+2190–U+21FF, U+27F0–U+27FF, U+2900–U+297F),
    /// box drawing, block elements and geometric shapes (U+2500–U+25FF), miscellaneous symbols and dingbats
    /// (U+2600–U+27BF), miscellaneous symbols and arrows (U+2B00–U+2BFF), and the parts that build emoji: zero-width
    /// joiner, variation selectors, the keycap mark U+20E3, skin-tone modifiers and tag characters.</item>
    /// <item>A key: № (on the Russian layout) and the zero-width non-joiner (on the Persian one).</item>
    /// <item>By category, a key for letters (L*), marks (M*), numbers (N*), punctuation (P*), the space separator (Zs)
    /// and math, currency and modifier symbols (Sm, Sc, Sk); no key for other symbols (So: emoji, pictographs, ™),
    /// controls, format characters, private-use, unassigned and surrogate code points, and line or paragraph separators.</item>
    /// </list>
    /// </summary>
    public static bool HasKey(int codePoint)
    {
        if (codePoint is < 0 or > 0x10FFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(codePoint), codePoint, "Not a Unicode code point.");
        }

        if (codePoint < 0x80 || codePoint is >= 0xA0 and <= 0xFF)
        {
            return true;
        }

        if (IsKeylessBySight(codePoint))
        {
            return false;
        }

        if (codePoint is 0x2116 or 0x200C)
        {
            return true;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.SpaceSeparator => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol => true,
            _ => false,
        };
    }

    /// <summary>True when the text has a code point with a key that is not white space: something a racer types.</summary>
    public static bool HasSomethingToType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && HasKey(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    // Blocks whose characters decorate rather than spell, some of them Po or Sm by category (• is Po, → is Sm),
    // and emoji parts that are marks or modifier symbols by category (U+FE0F is Mn, skin tones are Sk).
    private static bool IsKeylessBySight(int codePoint) => codePoint is
        0x2022 or 0x2023 or 0x2043 or 0x204C or 0x204D or 0x2219
        or (>= 0x2190 and <= 0x21FF) or (>= 0x27F0 and <= 0x27FF) or (>= 0x2900 and <= 0x297F)
        or (>= 0x2500 and <= 0x25FF)
        or (>= 0x2600 and <= 0x27BF)
        or (>= 0x2B00 and <= 0x2BFF)
        or 0x200D or 0x20E3 or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF)
        or (>= 0x1F3FB and <= 0x1F3FF) or (>= 0xE0000 and <= 0xE007F);

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
