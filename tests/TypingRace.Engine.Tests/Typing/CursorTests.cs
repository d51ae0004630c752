using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class CursorTests
{
    [Fact]
    public void A_wrong_character_starts_an_error_run_and_the_cursor_stays()
    {
        var session = Race.Session("keys click");

        Assert.Equal([KeystrokeOutcome.Correct, KeystrokeOutcome.Wrong], session.TypeEach("kx", 100, 100));
        Assert.Equal(1, session.Position);
        Assert.Equal(1, session.ErrorRunLength);
    }

    [Fact]
    public void During_an_error_run_even_the_expected_character_is_wrong()
    {
        var session = Race.Session("keys click");

        session.TypeEach("kx", 100, 100);

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type("e", 300));
        Assert.Equal(1, session.Position);
        Assert.Equal(2, session.ErrorRunLength);
    }

    [Fact]
    public void Backspacing_the_whole_run_lets_typing_go_on()
    {
        var session = Race.Session("keys click");
        session.TypeEach("kxe", 100, 100);

        Assert.Equal([KeystrokeOutcome.Backspaced, KeystrokeOutcome.Backspaced], session.TypeEach("\b\b", 400, 100));
        Assert.Equal(KeystrokeOutcome.Correct, session.Type("e", 600));
        Assert.Equal(2, session.Position);
        Assert.Equal(0, session.ErrorRunLength);
        Assert.Equal(2, session.Backspaces);
    }

    [Fact]
    public void Backspace_never_moves_back_over_correct_text()
    {
        var session = Race.Session("keys click");
        session.TypeEach("ke", 100, 100);

        Assert.Equal(KeystrokeOutcome.NoOp, session.Type(Keystroke.Backspace, 300));
        Assert.Equal(2, session.Position);
        Assert.Equal(1, session.Backspaces);
    }

    [Fact]
    public void Beyond_the_error_run_cap_characters_are_ignored_and_not_counted()
    {
        var session = Race.Session("keys click");
        session.Type("k", 100);

        var outcomes = session.TypeEach("zzzzzzzzzz", 200, 100);

        Assert.Equal(8, TypingRules.Default.ErrorRunCap);
        Assert.Equal([.. Enumerable.Repeat(KeystrokeOutcome.Wrong, 8), KeystrokeOutcome.Ignored, KeystrokeOutcome.Ignored], outcomes);
        Assert.Equal(8, session.ErrorRunLength);
        Assert.Equal(9, session.CharacterKeystrokes);
        Assert.Equal(1.0 / 9, session.Accuracy);
    }

    [Fact]
    public void The_cap_is_configurable_and_a_capped_run_still_backspaces_away()
    {
        var session = Race.Session("keys click", new TypingRules(ErrorRunCap: 3));

        session.TypeEach("zzzzz", 100, 100);
        session.TypeEach("\b\b\b\b", 600, 100);

        Assert.Equal(0, session.ErrorRunLength);
        Assert.Equal(3, session.CharacterKeystrokes);
        Assert.Equal(KeystrokeOutcome.Correct, session.Type("k", 1000));
    }

    [Fact]
    public void Keys_after_the_finish_are_ignored()
    {
        var session = Race.Session("ok");
        session.TypeEach("ok", 100, 100);

        Assert.Equal(KeystrokeOutcome.Ignored, session.Type("!", 300));
        Assert.Equal(KeystrokeOutcome.Ignored, session.Type(Keystroke.Backspace, 400));
        Assert.Equal(2, session.CharacterKeystrokes);
        Assert.Equal(0, session.Backspaces);
        Assert.Equal(Race.At(200), session.FinishedAt);
    }

    [Fact]
    public void An_empty_keystroke_does_nothing()
    {
        var session = Race.Session("ok");

        Assert.Equal(KeystrokeOutcome.NoOp, session.Type("", 100));
        Assert.Empty(session.Timeline());
    }

    [Fact]
    public void Enter_where_a_space_is_expected_is_wrong()
    {
        var session = Race.Session("keys click");
        session.TypeEach("keys", 100, 100);

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type(Keystroke.Enter, 500));
    }

    [Fact]
    public void One_keystroke_of_several_code_points_is_judged_code_point_by_code_point()
    {
        var session = Race.Session("keys click");

        Assert.Equal(KeystrokeOutcome.Wrong, session.Type("kez", 100));
        Assert.Equal(2, session.Position);
        Assert.Equal(1, session.ErrorRunLength);
        Assert.Equal(3, session.CharacterKeystrokes);
    }
}
