using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class TypeableTextTests
{
    [Theory]
    [InlineData("pre\u2014post", "pre-post")]
    [InlineData("pages 3\u20139", "pages 3-9")]
    [InlineData("\u2018single\u2019 and \u201Adown\u201B", "'single' and 'down'")]
    [InlineData("\u201Cdouble\u201D and \u201Elow\u201F", "\"double\" and \"low\"")]
    [InlineData("wait\u2026", "wait...")]
    [InlineData("10\u00A0kB, 5\u202Fms, a\u2009b", "10 kB, 5 ms, a b")]
    public void Typographic_characters_become_their_plain_keyboard_forms(string raw, string typeable)
    {
        Assert.Equal(typeable, TypeableText.Normalize(raw));
    }

    [Fact]
    public void A_decomposed_accent_is_composed_into_one_code_point()
    {
        var typeable = TypeableText.Normalize("cafe\u0301");

        Assert.Equal("caf\u00E9", typeable);
        Assert.Equal(4, TypeableText.CodePointCount(typeable));
    }

    [Fact]
    public void Accents_hangul_cjk_and_emoji_are_kept()
    {
        const string text = "déjà vu, 한국어, 漢字, 🙂";

        Assert.Same(text, TypeableText.Normalize(text));
    }

    [Fact]
    public void Invisible_characters_are_removed()
    {
        Assert.Equal("softhyphen zerowidth", TypeableText.Normalize("soft\u00ADhyphen zero\u200Bwidth\uFEFF"));
    }

    [Fact]
    public void Code_points_count_an_emoji_once_although_it_takes_two_utf16_units()
    {
        const string text = "a🙂é한";

        Assert.Equal(5, text.Length);
        Assert.Equal(4, TypeableText.CodePointCount(text));
        Assert.Equal([0x61, 0x1F642, 0xE9, 0xD55C], TypeableText.CodePoints(text));
    }
}

public class HasKeyTests
{
    [Theory]
    // Letters of several scripts, with and without accents, one outside the BMP.
    [InlineData((int)'a')]
    [InlineData((int)'Z')]
    [InlineData(0xE9)] // é
    [InlineData(0xDF)] // ß
    [InlineData(0x142)] // ł
    [InlineData(0x3BB)] // λ
    [InlineData(0x416)] // Ж
    [InlineData(0x5D0)] // א
    [InlineData(0x634)] // ش
    [InlineData(0x915)] // क
    [InlineData(0xE01)] // ก
    [InlineData(0xD55C)] // 한
    [InlineData(0x6F22)] // 漢
    [InlineData(0x3072)] // ひ
    [InlineData(0x20BB7)] // 𠮷
    // Combining marks, as a dead key or an Indic layout types them.
    [InlineData(0x301)] // combining acute
    [InlineData(0x93F)] // Devanagari vowel sign i
    // Digits and numbers.
    [InlineData((int)'7')]
    [InlineData(0x663)] // Arabic-Indic three
    [InlineData(0xFF15)] // fullwidth five
    [InlineData(0xBD)] // ½
    // Punctuation.
    [InlineData((int)'.')]
    [InlineData((int)'?')]
    [InlineData((int)'`')]
    [InlineData(0xBF)] // ¿
    [InlineData(0xAB)] // «
    [InlineData(0xA7)] // §
    [InlineData(0x3001)] // 、
    [InlineData(0x2014)] // — (Normalize makes it "-", but it would have a key anyway)
    // Symbols found on keyboards.
    [InlineData(0x20AC)] // €
    [InlineData(0xA3)] // £
    [InlineData(0xA5)] // ¥
    [InlineData(0xB0)] // °, So but Latin-1
    [InlineData(0xA9)] // ©, So but Latin-1
    [InlineData(0xB1)] // ±
    [InlineData(0xD7)] // ×
    [InlineData(0xF7)] // ÷
    [InlineData(0x20B9)] // ₹
    [InlineData(0x2260)] // ≠
    [InlineData(0x2116)] // №, So but on the Russian layout
    [InlineData((int)'^')]
    // Spaces and the keys that make lines.
    [InlineData((int)' ')]
    [InlineData((int)'\n')]
    [InlineData((int)'\t')]
    [InlineData(0x3000)] // ideographic space
    [InlineData(0x200C)] // zero-width non-joiner, a key on the Persian layout
    public void Letters_digits_punctuation_and_keyboard_symbols_have_a_key(int codePoint)
    {
        Assert.True(TypeableText.HasKey(codePoint));
    }

    [Theory]
    // Emoji and pictographs.
    [InlineData(0x1F600)] // 😀
    [InlineData(0x1F680)] // 🚀
    [InlineData(0x2764)] // ❤
    [InlineData(0x2705)] // ✅
    [InlineData(0x2600)] // ☀
    [InlineData(0x26A0)] // ⚠
    [InlineData(0x2713)] // ✓
    [InlineData(0x2122)] // ™
    [InlineData(0xFFFD)] // replacement character
    // The parts emoji are built from.
    [InlineData(0xFE0F)] // variation selector 16, Mn by category
    [InlineData(0xFE0E)] // variation selector 15
    [InlineData(0x200D)] // zero-width joiner
    [InlineData(0x1F3FD)] // medium skin tone, Sk by category
    [InlineData(0x1F1F5)] // regional indicator P
    [InlineData(0x20E3)] // combining enclosing keycap, Me by category
    [InlineData(0xE0067)] // tag g, of a subdivision flag
    // Bullets, some Po or Sm by category.
    [InlineData(0x2022)] // •
    [InlineData(0x2023)] // ‣
    [InlineData(0x25E6)] // ◦
    [InlineData(0x25AA)] // ▪
    [InlineData(0x25CF)] // ●
    [InlineData(0x2219)] // ∙
    // Box drawing, blocks, arrows (Sm by category), dingbats.
    [InlineData(0x2500)] // ─
    [InlineData(0x253C)] // ┼
    [InlineData(0x2588)] // █
    [InlineData(0x2192)] // →
    [InlineData(0x2194)] // ↔
    [InlineData(0x21D2)] // ⇒
    [InlineData(0x27A1)] // ➡
    [InlineData(0x2B50)] // ⭐
    // Invisible or unassigned.
    [InlineData(0x85)] // a C1 control
    [InlineData(0x200E)] // left-to-right mark
    [InlineData(0x2028)] // line separator
    [InlineData(0xE000)] // private use
    [InlineData(0xD800)] // a surrogate on its own
    public void Emoji_their_parts_bullets_box_drawing_and_arrows_have_no_key(int codePoint)
    {
        Assert.False(TypeableText.HasKey(codePoint));
    }

    [Theory]
    [InlineData("👨\u200D👩\u200D👧")] // family: three people joined by ZWJ
    [InlineData("🇵🇹")] // flag: two regional indicators
    [InlineData("🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")] // subdivision flag: tags
    [InlineData("👍🏽")] // skin tone
    [InlineData("❤\uFE0F")] // text symbol asked to look like an emoji
    public void No_code_point_of_an_emoji_sequence_has_a_key(string emoji)
    {
        Assert.All(TypeableText.CodePoints(emoji), codePoint => Assert.False(TypeableText.HasKey(codePoint), $"U+{codePoint:X4}"));
    }

    [Fact]
    public void A_keycap_emoji_keeps_only_its_digit_to_type()
    {
        Assert.Equal([true, false, false], TypeableText.CodePoints("1\uFE0F\u20E3").Select(TypeableText.HasKey));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0x110000)]
    public void A_value_outside_unicode_is_rejected(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TypeableText.HasKey(value));
    }

    [Theory]
    [InlineData("a🎉", true)]
    [InlineData("🎉 ok", true)]
    [InlineData("🎉🎉", false)]
    [InlineData(" • ", false)]
    [InlineData("─── → ───", false)]
    [InlineData("", false)]
    public void Something_to_type_is_a_keyed_code_point_other_than_white_space(string text, bool expected)
    {
        Assert.Equal(expected, TypeableText.HasSomethingToType(text));
    }
}
