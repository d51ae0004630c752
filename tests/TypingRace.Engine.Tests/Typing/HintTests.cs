namespace TypingRace.Engine.Tests.Typing;

public class HintTests
{
    [Fact]
    public void A_hint_reveals_the_rest_of_the_current_word_and_is_counted()
    {
        var session = Race.Session("keys click");

        Assert.Equal("keys", session.RevealHint());
        session.TypeEach("ke", 100, 100);
        Assert.Equal("ys", session.RevealHint());
        Assert.Equal(2, session.Hints);
    }

    [Fact]
    public void On_a_space_the_hint_starts_with_it_and_runs_to_the_end_of_the_next_word()
    {
        var session = Race.Session("keys click");
        session.TypeEach("keys", 100, 100);

        Assert.Equal(" click", session.RevealHint());
    }

    [Fact]
    public void In_code_the_hint_stops_at_the_newline()
    {
        var session = Race.Session("```\nlet x = 1;\n  go(x);\n```");
        session.TypeEach("let x = 1;", 100, 100);

        Assert.Equal("\n", session.RevealHint());
        session.Type("\n", 1200);
        Assert.Equal("go(x);", session.RevealHint());
    }

    [Fact]
    public void After_the_finish_the_hint_is_empty_and_not_counted()
    {
        var session = Race.Session("ok");
        session.TypeEach("ok", 100, 100);

        Assert.Equal("", session.RevealHint());
        Assert.Equal(0, session.Hints);
    }

    [Fact]
    public void An_emoji_in_a_hint_stays_whole()
    {
        // The emoji are not typed, but a hint shows the word as the passage shows it.
        var session = Race.Session("smile so🙂🙂 now");
        session.TypeEach("smile ", 100, 100);

        Assert.Equal("so🙂🙂", session.RevealHint());
    }
}
