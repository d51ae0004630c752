using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class KeylessTypingTests
{
    private static Passage PassageOf(string text) =>
        PassageBuilder.Build(new Guide("t", "t", [new Paragraph("t:p", 0, ParagraphKind.Prose, "", text)]), 0, PassageLength.Short);

    [Fact]
    public void Typing_the_text_without_its_emoji_finishes_with_full_accuracy_and_speed_counts_only_typed_characters()
    {
        const string typed = "Ship it today, then rest.";
        var passage = PassageOf("Ship it 🚀 today, then rest.");
        var session = new TypingSession(passage, TypingRules.Default, Race.Start);

        var outcomes = session.TypeEach(typed, firstMs: 250, stepMs: 250);

        Assert.All(outcomes, outcome => Assert.Equal(KeystrokeOutcome.Correct, outcome));
        Assert.True(session.Finished);
        Assert.Equal(passage.CharacterCount, session.Position);
        Assert.Equal(1.0, session.Accuracy);
        var typedCharacters = passage.CharacterCount - passage.AutoFilledBefore(passage.CharacterCount);
        Assert.Equal(typed.Length, typedCharacters);
        Assert.Equal(typedCharacters, session.CorrectKeystrokes);
        // The last key lands at 250 ms per key: (characters / 5) words over that many minutes.
        var lastKeyMinutes = typed.Length * 250 / 60_000.0;
        Assert.Equal(typedCharacters / 5.0 / lastKeyMinutes, session.Wpm, precision: 9);
    }

    [Fact]
    public void Typing_the_emoji_itself_is_wrong()
    {
        var session = new TypingSession(PassageOf("Ship it 🚀 today"), TypingRules.Default, Race.Start);
        session.TypeEach("Ship it ", 100, 100);

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type("🚀", 1000));
        Assert.Equal(1, session.ErrorRunLength);
    }

    [Fact]
    public void A_passage_that_starts_with_an_emoji_starts_past_it_and_one_that_ends_with_one_finishes_on_the_last_typed_key()
    {
        var passage = PassageOf("🎉 Party time 🎉");
        var session = new TypingSession(passage, TypingRules.Default, Race.Start);

        Assert.Equal(2, session.Position);
        Assert.False(session.Finished);
        Assert.Equal(KeystrokeOutcome.Correct, session.Type("P", 100));

        session.TypeEach("arty time", 200, 100);

        Assert.True(session.Finished);
        Assert.Equal(passage.CharacterCount, session.Position);
        Assert.Equal(Race.At(1000), session.FinishedAt);
        Assert.Equal(10, session.CorrectKeystrokes);
        Assert.Equal(1.0, session.Progress);
    }

    [Fact]
    public void A_hint_at_the_start_skips_the_leading_emoji()
    {
        var session = new TypingSession(PassageOf("👋 Hello there"), TypingRules.Default, Race.Start);

        Assert.Equal("Hello", session.RevealHint());
    }

    [Fact]
    public void A_passage_with_nothing_but_keyless_characters_cannot_be_raced()
    {
        var error = Assert.Throws<ArgumentException>(() => new TypingSession(PassageOf("🎉 🎈 🎉"), TypingRules.Default, Race.Start));

        Assert.Equal("passage", error.ParamName);
    }

    [Fact]
    public void Bullets_and_arrows_left_in_a_markdown_guide_are_skipped_too()
    {
        var session = Race.Session("Build → test → ship • done");

        session.TypeEach("Build test ship done", 100, 100);

        Assert.True(session.Finished);
        Assert.Equal(1.0, session.Accuracy);
    }
}
