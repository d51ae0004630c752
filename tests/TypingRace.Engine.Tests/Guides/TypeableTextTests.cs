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
