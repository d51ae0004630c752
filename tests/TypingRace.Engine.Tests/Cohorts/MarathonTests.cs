using TypingRace.Engine.Cohorts;
using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Cohorts;

public class MarathonTests
{
    /// <summary>Twelve prose paragraphs of exactly 50 code points each.</summary>
    private static readonly Guide Fifties = new(
        "g",
        "Test guide",
        [.. Enumerable.Range(0, 12).Select(i => new Paragraph($"g:p{i}", i, ParagraphKind.Prose, i < 6 ? "First" : "Second", $"Paragraph {i:00} is padded to fifty characters........"))]);

    [Theory]
    [InlineData(PassageLength.Short, 6, 2)]
    [InlineData(PassageLength.Medium, 3, 5)]
    [InlineData(PassageLength.Long, 2, 10)]
    public void Steps_walk_the_whole_guide_in_passages_of_the_length_class(PassageLength length, int steps, int firstStepParagraphs)
    {
        var marathon = Marathon.Steps(Fifties, length);

        Assert.Equal(steps, marathon.Count);
        Assert.Equal(firstStepParagraphs, marathon[0].ParagraphCount);
        Assert.Equal(Fifties.Paragraphs.Count, marathon.Sum(step => step.ParagraphCount));
        Assert.Equal(Enumerable.Range(0, steps), marathon.Select(step => step.Index));
        for (var i = 1; i < marathon.Count; i++)
        {
            Assert.Equal(marathon[i - 1].FirstParagraphIndex + marathon[i - 1].ParagraphCount, marathon[i].FirstParagraphIndex);
        }
    }

    [Fact]
    public void A_step_is_titled_by_the_section_it_starts_in()
    {
        var marathon = Marathon.Steps(Fifties, PassageLength.Short);

        Assert.Equal(["First", "First", "First", "Second", "Second", "Second"], marathon.Select(step => step.Section));
    }

    [Fact]
    public void The_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(0.9, Marathon.Median([1.0, 0.9, 0.5]));
        Assert.Equal(0.85, Marathon.Median([1.0, 0.9, 0.8, 0.5])!.Value, 12);
        Assert.Null(Marathon.Median([]));
    }
}
