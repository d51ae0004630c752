using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class CodeTypingTests
{
    private const string MainFunction = "```\nfn main() {\n    run();\n}\n```";

    [Fact]
    public void Enter_types_the_newline_and_the_indentation_after_it_is_filled_in()
    {
        var session = Race.Session(MainFunction);
        session.TypeEach("fn main() {", 100, 100);

        Assert.Equal(KeystrokeOutcome.Correct, session.Type(Keystroke.Enter, 1200));
        Assert.Equal(16, session.Position);
        Assert.Equal(12, session.CorrectKeystrokes);
    }

    [Fact]
    public void Filled_in_indentation_counts_toward_progress_but_not_as_keys_or_speed()
    {
        var session = Race.Session(MainFunction);

        session.TypeEach("fn main() {\nrun();\n}", firstMs: 600, stepMs: 600);

        // 24 characters, 4 of them indentation: 20 keys = 4 words in 12 s.
        Assert.True(session.Finished);
        Assert.Equal(24, session.Position);
        Assert.Equal(20, session.CorrectKeystrokes);
        Assert.Equal(20, session.CharacterKeystrokes);
        Assert.Equal(20.0, session.Wpm);
        Assert.Equal(1.0, session.Progress);
    }

    [Fact]
    public void A_space_typed_after_the_newline_is_wrong_because_the_indentation_is_already_there()
    {
        var session = Race.Session(MainFunction);
        session.TypeEach("fn main() {\n", 100, 100);

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type(" ", 1300));
    }
}
