using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class NonAsciiTypingTests
{
    // 𠮷 is outside the BMP: two UTF-16 units, one code point, typed through an IME like the Hangul.
    private const string Greeting = "café 한국어 𠮷";

    [Fact]
    public void Accents_hangul_and_an_ideograph_outside_the_bmp_are_one_character_each()
    {
        var session = Race.Session(Greeting);

        var outcomes = session.TypeEach(Greeting, 100, 100);

        Assert.All(outcomes, outcome => Assert.Equal(KeystrokeOutcome.Correct, outcome));
        Assert.True(session.Finished);
        Assert.Equal(10, session.Position);
        Assert.Equal(10, session.CorrectKeystrokes);
    }

    [Theory]
    [InlineData("caf", "e")]
    [InlineData("café ", "국")]
    [InlineData("café 한국어 ", "吉")]
    public void A_similar_but_different_character_is_wrong(string typedBefore, string wrong)
    {
        var session = Race.Session(Greeting);
        session.TypeEach(typedBefore, 100, 100);

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type(wrong, 5000));
        Assert.Equal(typedBefore.EnumerateRunes().Count(), session.Position);
    }

    [Fact]
    public void An_ime_commit_of_several_syllables_advances_by_each()
    {
        var session = Race.Session(Greeting);
        session.TypeEach("café ", 100, 100);

        Assert.Equal(KeystrokeOutcome.Correct, session.Type("한국어", 1000));
        Assert.Equal(8, session.Position);
        Assert.Equal(8, session.CorrectKeystrokes);
    }

    [Fact]
    public void A_decomposed_accent_or_a_curly_apostrophe_from_the_keyboard_matches_the_typeable_text()
    {
        var session = Race.Session("it's café");
        session.TypeEach("it", 100, 100);

        Assert.Equal(KeystrokeOutcome.Correct, session.Type("\u2019", 300));
        session.TypeEach("s caf", 400, 100);
        Assert.Equal(KeystrokeOutcome.Correct, session.Type("e\u0301", 900));
        Assert.True(session.Finished);
    }
}
