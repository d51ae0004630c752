using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;
using Xunit.Abstractions;

namespace TypingRace.Engine.Tests.Bots;

public class BotTypistTests(ITestOutputHelper output)
{
    private const int Seed = 2025;

    /// <summary>The Go guide from its first paragraph: prose, then code indented with tabs.</summary>
    private static readonly Passage Mixed = ShippedGuides.Passage(ShippedGuides.Go, 0, minimumCharacters: 5000);

    /// <summary>Only the Go guide's code blocks: a new line every 20 characters or so, most of them indented.</summary>
    private static readonly Passage Code = ShippedGuides.Passage(ShippedGuides.Go, 0, minimumCharacters: 2000, p => p.Kind == ParagraphKind.Code);

    [Theory]
    [InlineData(40, 0.02)]
    [InlineData(70, 0.05)]
    [InlineData(100, 0.08)]
    [InlineData(140, 0.05)]
    [InlineData(140, 0.08)]
    [InlineData(70, 0)]
    public void Prose_and_code_score_the_style_s_wpm_and_error_rate(double wpm, double errorRate)
    {
        Assert.InRange(Mixed.CharacterCount, 5000, int.MaxValue);
        Assert.Contains("\n\t", Mixed.Text, StringComparison.Ordinal);

        var race = BotRace.Run(Mixed, new BotStyle(wpm, errorRate), Seed);

        output.WriteLine($"target {wpm} WPM, {errorRate:P0}: realised {race.Session.Wpm:F1} WPM, {race.ErrorRate:P2} over {race.TypedCharacters} characters");
        Assert.True(race.Session.Finished);
        Assert.InRange(race.Session.Wpm, wpm * 0.9, wpm * 1.1);
        Assert.InRange(race.ErrorRate, errorRate - 0.02, errorRate + 0.02);
    }

    [Theory]
    [InlineData(40, 0.02)]
    [InlineData(140, 0.08)]
    [InlineData(BotStyle.MaxWpm, BotStyle.MaxErrorRate)]
    public void Code_with_its_many_line_pauses_scores_the_style_too(double wpm, double errorRate)
    {
        Assert.InRange(Code.CharacterCount, 2000, int.MaxValue);

        var race = BotRace.Run(Code, new BotStyle(wpm, errorRate), Seed);

        output.WriteLine($"target {wpm} WPM, {errorRate:P0}: realised {race.Session.Wpm:F1} WPM, {race.ErrorRate:P2} over {race.TypedCharacters} characters");
        Assert.InRange(race.Session.Wpm, wpm * 0.9, wpm * 1.1);
        Assert.InRange(race.ErrorRate, errorRate - 0.02, errorRate + 0.02);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_bot_is_done_exactly_when_the_session_finishes(int seed)
    {
        var race = BotRace.Run(Code, new BotStyle(BotStyle.MaxWpm, BotStyle.MaxErrorRate), seed);

        Assert.True(race.Bot.Done);
        Assert.True(race.Session.Finished);
        Assert.Equal(Code.CharacterCount, race.Session.Position);
        Assert.Equal(0, race.Session.ErrorRunLength);
        // Only the last key finished it: the bot neither stops short nor types on after the finish.
        Assert.Equal(Race.At((int)race.Keys[^1].AtMs), race.Session.FinishedAt);
        Assert.Equal(Race.At((int)race.Keys[^1].AtMs), race.Session.LastCorrectAt);
    }

    [Fact]
    public void In_code_the_bot_never_types_the_indentation_that_Enter_fills_in()
    {
        Assert.InRange(Code.AutoFilledBefore(Code.CharacterCount), 100, int.MaxValue);

        var race = BotRace.Run(Code, new BotStyle(70, 0), Seed);

        Assert.All(race.Keys, key => Assert.Equal(KeystrokeOutcome.Correct, key.Outcome));
        Assert.Equal(race.TypedCharacters, race.Keys.Count);
        Assert.Equal(race.TypedCharacters, race.Session.CharacterKeystrokes);
        Assert.Equal(1.0, race.Session.Accuracy);
    }

    [Fact]
    public void Every_slip_is_one_to_three_wrong_keys_then_as_many_backspaces()
    {
        var race = BotRace.Run(Code, new BotStyle(70, BotStyle.MaxErrorRate), Seed);

        var runs = SlipRuns(race.Keys);
        Assert.InRange(runs.Count, 50, int.MaxValue);
        Assert.All(runs, run => Assert.InRange(run.Wrong, 1, 3));
        Assert.All(runs, run => Assert.Equal(run.Wrong, run.Backspaced));
        Assert.Equal([1, 2, 3], runs.Select(run => run.Wrong).Distinct().Order());
        // Nothing was wasted: no key ignored beyond the error-run cap, no backspace with nothing to erase.
        Assert.DoesNotContain(race.Keys, key => key.Outcome is KeystrokeOutcome.Ignored or KeystrokeOutcome.NoOp);
        Assert.Equal(race.TypedCharacters, race.Session.CorrectKeystrokes);
        Assert.Equal(race.Session.CharacterKeystrokes - race.Session.CorrectKeystrokes, race.Session.Backspaces);
    }

    [Theory]
    [InlineData('f', "drtgcv")]
    [InlineData('F', "DRTGCV")]
    [InlineData('q', "12wa")]
    [InlineData('{', "P}_+:\"")]
    [InlineData(' ', "cvbnm")]
    [InlineData('\n', "']\\")]
    public void A_wrong_key_is_a_neighbour_on_the_keyboard(char expected, string neighbours)
    {
        var random = new Random(Seed);
        var wrong = Enumerable.Range(0, 200).Select(_ => NearbyKeys.WrongFor(expected, random)).ToHashSet();

        Assert.Equal(neighbours.Select(c => c.ToString()).Order(), wrong.Order());
    }

    [Fact]
    public void A_line_of_code_starts_after_a_pause_and_a_word_after_a_slight_one()
    {
        var race = BotRace.Run(Code, new BotStyle(70, 0), Seed);

        var afterEnter = new List<double>();
        var afterSpace = new List<double>();
        var inWord = new List<double>();
        for (var i = 1; i < race.Keys.Count; i++)
        {
            var list = race.Keys[i - 1].Key.Text switch
            {
                Keystroke.Enter => afterEnter,
                " " => afterSpace,
                _ => inWord,
            };
            list.Add(race.Keys[i].Key.Delay.TotalMilliseconds);
        }

        output.WriteLine($"mean interval after Enter {afterEnter.Average():F0} ms, after a space {afterSpace.Average():F0} ms, in a word {inWord.Average():F0} ms");
        Assert.InRange(afterEnter.Count, 100, int.MaxValue);
        Assert.InRange(afterEnter.Average(), inWord.Average() + 150, double.MaxValue);
        Assert.InRange(afterEnter.Average(), afterSpace.Average() + 150, double.MaxValue);
        Assert.InRange(afterSpace.Average(), inWord.Average() * 1.2, double.MaxValue);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(140)]
    [InlineData(BotStyle.MaxWpm)]
    public void Intervals_vary_like_a_hand_so_the_result_is_not_flagged(double wpm)
    {
        var race = BotRace.Run(Mixed, new BotStyle(wpm, 0.05), Seed);

        var intervals = race.Keys.Select(key => key.Key.Delay.TotalMilliseconds).ToList();
        var mean = intervals.Average();
        var variation = Math.Sqrt(intervals.Average(ms => (ms - mean) * (ms - mean))) / mean;
        output.WriteLine($"{wpm} WPM: intervals vary by {variation:P0} of their mean {mean:F0} ms");
        Assert.InRange(variation, 0.3, double.MaxValue);
        Assert.Equal(FairPlayFlags.None, race.Session.Flags);
    }

    [Fact]
    public void Accents_hangul_and_emoji_are_typed_one_code_point_per_key()
    {
        // "q̃" has no composed form, so it stays two code points in NFC; 🙂 is two UTF-16 units.
        var passage = PassageBuilder.Build(GuideParser.Parse("t", "Un café à Séoul: 한국어 를 배워요 🙂 q\u0303 ok"), 0, PassageLength.Short);

        for (var seed = 0; seed < 20; seed++)
        {
            var race = BotRace.Run(passage, new BotStyle(70, BotStyle.MaxErrorRate), seed);

            Assert.True(race.Session.Finished);
            Assert.All(race.Keys, key => Assert.Equal(1, TypeableText.CodePointCount(key.Key.Text)));
            Assert.DoesNotContain(race.Keys, key => key.Outcome is KeystrokeOutcome.Ignored or KeystrokeOutcome.NoOp);
        }
    }

    [Fact]
    public void A_passage_that_starts_and_ends_with_emoji_is_finished_without_typing_any_of_them()
    {
        var passage = PassageBuilder.Build(
            GuideParser.Parse("t", "🚀 Launch day: the crew 👩\u200D🚀 checks every link twice, the flight director 👍🏽 nods, and the count starts 🎉"),
            0,
            PassageLength.Short);
        Assert.True(passage.IsAutoFilled(0));
        Assert.True(passage.IsAutoFilled(passage.CharacterCount - 1));

        for (var seed = 0; seed < 20; seed++)
        {
            var race = BotRace.Run(passage, new BotStyle(70, BotStyle.MaxErrorRate), seed);

            Assert.True(race.Bot.Done);
            Assert.True(race.Session.Finished);
            Assert.Equal(passage.CharacterCount, race.Session.Position);
            Assert.Equal(race.TypedCharacters, race.Session.CorrectKeystrokes);
            Assert.DoesNotContain(race.Keys, key => key.Key.Text.EnumerateRunes().Any(rune => !TypeableText.HasKey(rune.Value)));
            Assert.DoesNotContain(race.Keys, key => key.Outcome is KeystrokeOutcome.Ignored or KeystrokeOutcome.NoOp);
        }
    }

    [Fact]
    public void The_same_seed_replays_the_same_keys()
    {
        var style = new BotStyle(100, 0.08);

        var first = BotRace.Run(Mixed, style, Seed).Keys.Select(key => key.Key);
        var second = BotRace.Run(Mixed, style, Seed).Keys.Select(key => key.Key);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Asking_for_a_key_after_the_last_one_throws()
    {
        var race = BotRace.Run(Code, new BotStyle(70, 0.05), Seed);

        Assert.True(race.Bot.Done);
        Assert.Throws<InvalidOperationException>(() => race.Bot.Next());
    }

    [Fact]
    public void The_passage_style_and_random_are_required()
    {
        var style = new BotStyle(70, 0.05);

        Assert.Throws<ArgumentNullException>("passage", () => new BotTypist(null!, style, new Random(Seed)));
        Assert.Throws<ArgumentNullException>("style", () => new BotTypist(Code, null!, new Random(Seed)));
        Assert.Throws<ArgumentNullException>("random", () => new BotTypist(Code, style, null!));
    }

    /// <summary>Each maximal run of wrong keys with the backspaces right after it.</summary>
    private static List<(int Wrong, int Backspaced)> SlipRuns(IReadOnlyList<TypedKey> keys)
    {
        var runs = new List<(int Wrong, int Backspaced)>();
        for (var i = 0; i < keys.Count;)
        {
            if (keys[i].Outcome != KeystrokeOutcome.Wrong)
            {
                i++;
                continue;
            }

            var wrong = 0;
            for (; i < keys.Count && keys[i].Outcome == KeystrokeOutcome.Wrong; i++)
            {
                wrong++;
            }

            var backspaced = 0;
            for (; i < keys.Count && keys[i].Outcome == KeystrokeOutcome.Backspaced; i++)
            {
                backspaced++;
            }

            runs.Add((wrong, backspaced));
        }

        return runs;
    }
}
