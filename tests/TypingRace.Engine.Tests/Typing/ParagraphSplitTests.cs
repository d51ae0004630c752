using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

/// <summary>A passage of several paragraphs, as a marathon step is: each paragraph's split time and accuracy.</summary>
public class ParagraphSplitTests
{
    // Three paragraphs of 30 code points with their joiners: a short passage (80 or more) takes all three.
    private const string Guide = """
        # Steps

        Channels carry typed values ok.

        A closed channel answers at on.

        Select waits on many channels.
        """;

    [Fact]
    public void Each_paragraph_gets_the_time_the_cursor_left_it_and_the_accuracy_of_the_keys_typed_in_it()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", Guide), 0, PassageLength.Short);
        Assert.Equal([0, 1, 2], passage.Segments.Select(s => s.ParagraphIndex));
        var session = new TypingSession(passage, TypingRules.Default, Race.Start);
        var first = passage.Slice(passage.Segments[0].Start, passage.Segments[0].Length);
        var second = passage.Slice(passage.Segments[1].Start, passage.Segments[1].Length);
        var third = passage.Slice(passage.Segments[2].Start, passage.Segments[2].Length);
        Assert.Equal("Channels carry typed values ok. ", first);

        // Paragraph 1: clean, one key every 100 ms, so its last code point (the joining space) lands at 3,200 ms.
        session.TypeEach(first, firstMs: 100, stepMs: 100);
        // Paragraph 2: two wrong keys and their backspaces at the start, then clean from 4,000 ms.
        session.TypeEach("xx", firstMs: 3200, stepMs: 100);
        session.TypeEach("\b\b", firstMs: 3400, stepMs: 100);
        session.TypeEach(second, firstMs: 4000, stepMs: 100);
        // Paragraph 3: half of it only; the race ends with it unfinished.
        session.TypeEach(third[..15], firstMs: 8000, stepMs: 100);

        var splits = session.Paragraphs();
        Assert.Equal([0, 1, 2], splits.Select(s => s.ParagraphIndex));
        Assert.Equal([3200, 4000 + (second.Length - 1) * 100, null], splits.Select(s => s.SplitMs));
        Assert.Equal([first.Length, second.Length + 2, 15], splits.Select(s => s.CharacterKeystrokes));
        Assert.Equal([first.Length, second.Length, 15], splits.Select(s => s.CorrectKeystrokes));
        Assert.Equal([1.0, (double)second.Length / (second.Length + 2), 1.0], splits.Select(s => s.Accuracy));

        // The paragraphs add up to the passage's own figures.
        Assert.Equal(session.CharacterKeystrokes, splits.Sum(s => s.CharacterKeystrokes));
        Assert.Equal(session.CorrectKeystrokes, splits.Sum(s => s.CorrectKeystrokes));
    }

    [Fact]
    public void The_last_paragraph_splits_at_the_finish_and_an_untyped_paragraph_reads_zero()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", Guide), 0, PassageLength.Short);
        var session = new TypingSession(passage, TypingRules.Default, Race.Start);
        Assert.All(session.Paragraphs(), s => Assert.Equal((null, 0, 0.0), (s.SplitMs, s.CharacterKeystrokes, s.Accuracy)));

        session.TypeEach(passage.Text, firstMs: 50, stepMs: 50);

        Assert.True(session.Finished);
        Assert.Equal((int)(session.FinishedAt!.Value - Race.Start).TotalMilliseconds, session.Paragraphs()[^1].SplitMs);
        Assert.All(session.Paragraphs(), s => Assert.Equal(1.0, s.Accuracy));
    }
}
