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
                new TimelineSecond(1, 24.0, 0, 24.0), // 2 characters in 1 s; 2 typed in it
                new TimelineSecond(2, 18.0, 1, 24.0), // 3 in 2 s; "x" and "y" typed in it
                new TimelineSecond(3, 16.0, 0, 12.0), // 4 in 3 s; "s"
                new TimelineSecond(4, 12.0, 0, 0.0), // still 4 in 4 s: the last key was a backspace
            ],
            session.Timeline());
        Assert.Equal(19.2, session.Wpm);
    }

    [Fact]
    public void The_breakdown_counts_right_wrong_and_corrected_characters_and_the_raw_speed_of_every_typed_one()
    {
        var session = Race.Session("keys click");

        // "ke", then "xq" (wrong), one of them taken back, then the other, then "ys".
        session.Type("k", 500);
        session.Type("e", 1000);
        session.Type("x", 1500);
        session.Type("q", 2000);
        session.Type(Keystroke.Backspace, 2500);
        session.Type(Keystroke.Backspace, 3000);
        session.Type("y", 3500);
        session.Type("s", 6000);

        var breakdown = session.Breakdown();
        Assert.Equal(4, breakdown.Correct);
        Assert.Equal(2, breakdown.Incorrect);
        Assert.Equal(2, breakdown.Corrected);
        Assert.Equal(0, breakdown.AutoFilled);
        // 6 typed characters in 6 s: 12 WPM raw, against 8 WPM net for the 4 right ones.
        Assert.Equal(12.0, breakdown.RawWpm);
        Assert.Equal(8.0, session.Wpm);
    }

    [Fact]
    public void Consistency_is_100_for_an_even_hand_lower_for_an_uneven_one_and_unknown_for_a_short_burst()
    {
        var text = new string('a', 60);

        // Three keys in every second, for 20 s: every whole second is the same.
        var even = Race.Session(text);
        even.TypeEach(text, firstMs: 100, stepMs: 333);
        Assert.Equal(100.0, even.Breakdown().Consistency!.Value, 6);

        // Alternating seconds of five keys and one key: cv = 4/6, so 100 × (1 − tanh(cv + cv³/3 + cv⁵/5)) ≈ 34.
        var uneven = Race.Session(text);
        var at = 100;
        for (var second = 0; second < 20; second++)
        {
            var keys = second % 2 == 0 ? 5 : 1;
            for (var k = 0; k < keys; k++)
            {
                uneven.Type("a", at + second * 1000 + k * (900 / keys));
            }
        }

        var cv = 4.0 / 6;
        Assert.Equal(100 * (1 - Math.Tanh(cv + Math.Pow(cv, 3) / 3 + Math.Pow(cv, 5) / 5)), uneven.Breakdown().Consistency!.Value, 6);
        Assert.InRange(uneven.Breakdown().Consistency!.Value, 30, 40);

        // Two seconds hold no whole second between the first key and the last: no figure rather than a made-up one.
        var brief = Race.Session("keys click");
        brief.TypeEach("keys", firstMs: 100, stepMs: 500);
        Assert.Null(brief.Breakdown().Consistency);
    }

    [Fact]
    public void Live_accuracy_is_unknown_until_the_first_character_and_a_backspace_alone_does_not_make_it_known()
    {
        var session = Race.Session("keys click");
        Assert.Null(session.LiveAccuracy);

        session.Type(Keystroke.Backspace, 100);
        Assert.Null(session.LiveAccuracy);

        session.Type("k", 200);
        session.Type("x", 300);
        Assert.Equal(0.5, session.LiveAccuracy);
    }
}
