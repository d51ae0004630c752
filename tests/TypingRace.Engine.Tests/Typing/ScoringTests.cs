using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class ScoringTests
{
    [Fact]
    public void A_clean_finish_scores_characters_per_five_per_minute_to_the_last_key()
    {
        var session = Race.Session("keys click");

        session.TypeEach("keys click", firstMs: 600, stepMs: 600);

        // 10 characters = 2 words in 6 s = 0.1 min.
        Assert.True(session.Finished);
        Assert.Equal(Race.At(6000), session.FinishedAt);
        Assert.Equal(20.0, session.Wpm);
        Assert.Equal(1.0, session.Accuracy);
        Assert.Equal(1.0, session.Progress);
        Assert.Equal(10, session.CorrectKeystrokes);
        Assert.Equal(10, session.CharacterKeystrokes);
    }

    [Fact]
    public void Mid_race_figures_count_what_is_typed_so_far()
    {
        var session = Race.Session("keys click");

        session.TypeEach("keys ", firstMs: 6000, stepMs: 6000);

        // 5 characters = 1 word in 30 s.
        Assert.False(session.Finished);
        Assert.Equal(2.0, session.Wpm);
        Assert.Equal(0.5, session.Progress);
        Assert.Equal(5, session.Position);
    }

    [Fact]
    public void Speed_is_measured_to_the_last_correct_key_not_the_last_key()
    {
        var session = Race.Session("keys click");

        session.TypeEach("keys", firstMs: 500, stepMs: 500);
        session.Type("x", 9000);

        Assert.Equal(Race.At(2000), session.LastCorrectAt);
        Assert.Equal(24.0, session.Wpm);
    }

    [Fact]
    public void Before_any_key_everything_is_zero()
    {
        var session = Race.Session("keys click");

        Assert.Equal(0, session.Wpm);
        Assert.Equal(0, session.Accuracy);
        Assert.Equal(0, session.Progress);
        Assert.Null(session.LastCorrectAt);
        Assert.Empty(session.Timeline());
    }

    [Fact]
    public void Accuracy_counts_every_character_key_but_not_backspaces()
    {
        var session = Race.Session("keys click");

        session.TypeEach("keyx\bs click", firstMs: 100, stepMs: 100);

        Assert.True(session.Finished);
        Assert.Equal(1, session.Backspaces);
        Assert.Equal(10, session.CorrectKeystrokes);
        Assert.Equal(11, session.CharacterKeystrokes);
        Assert.Equal(10.0 / 11, session.Accuracy);
    }

    [Fact]
    public void The_timeline_gives_cumulative_speed_and_mistakes_for_each_second_up_to_the_last_key()
    {
        var session = Race.Session("keys click");

        session.Type("k", 200);
        session.Type("e", 700);
        session.Type("x", 1500);
        session.Type(Keystroke.Backspace, 1600);
        session.Type("y", 1800);
        session.Type("s", 2500);
        session.Type(Keystroke.Backspace, 3100);

        Assert.Equal(
            [
                new TimelineSecond(1, 24.0, 0), // 2 characters in 1 s
                new TimelineSecond(2, 18.0, 1), // 3 in 2 s
                new TimelineSecond(3, 16.0, 0), // 4 in 3 s
                new TimelineSecond(4, 12.0, 0), // still 4 in 4 s: the last key was a backspace
            ],
            session.Timeline());
        Assert.Equal(19.2, session.Wpm);
    }
}
