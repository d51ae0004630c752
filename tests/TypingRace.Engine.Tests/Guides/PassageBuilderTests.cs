using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class PassageBuilderTests
{
    private static Guide GuideOf(params (ParagraphKind Kind, string Text)[] paragraphs) => new(
        "g",
        "Test guide",
        paragraphs.Select((paragraph, index) => new Paragraph($"g:p{index}", index, paragraph.Kind, "", paragraph.Text)).ToList());

    /// <summary>Twelve prose paragraphs of exactly 50 code points each.</summary>
    private static readonly Guide Fifties = GuideOf(
        Enumerable.Range(0, 12).Select(i => (ParagraphKind.Prose, $"Paragraph {i:00} is padded to fifty characters........")).ToArray());

    [Fact]
    public void Length_classes_need_80_250_and_500_characters()
    {
        Assert.Equal(
            [80, 250, 500],
            new[] { PassageLength.Short, PassageLength.Medium, PassageLength.Long }.Select(PassageLengths.MinimumCharacters));
    }

    [Theory]
    [InlineData(PassageLength.Short, 2, 101)]
    [InlineData(PassageLength.Medium, 5, 254)]
    [InlineData(PassageLength.Long, 10, 509)]
    public void Paragraphs_are_added_until_the_length_class_is_reached(PassageLength length, int paragraphs, int characters)
    {
        Assert.Equal(50, Fifties.Paragraphs[0].Length);

        var passage = PassageBuilder.Build(Fifties, 0, length);

        Assert.Equal(paragraphs, passage.ParagraphCount);
        Assert.Equal(characters, passage.CharacterCount);
        Assert.Equal(paragraphs, passage.NextParagraphIndex);
        Assert.Equal(length, passage.Length);
    }

    [Fact]
    public void Length_classes_count_only_the_characters_a_racer_types()
    {
        // 70 typed characters and twelve emoji with a space beside each run: 83 code points, not a short passage alone.
        var withEmoji = new string('w', 70) + " " + string.Concat(Enumerable.Repeat("🚀", 12));
        var guide = GuideOf((ParagraphKind.Prose, withEmoji), (ParagraphKind.Prose, "Ten chars."));
        Assert.True(guide.Paragraphs[0].Length >= PassageLengths.MinimumCharacters(PassageLength.Short));

        var passage = PassageBuilder.Build(guide, 0, PassageLength.Short);

        Assert.Equal(2, passage.ParagraphCount);
        Assert.Equal(70 + 1 + 10, passage.CharacterCount - passage.AutoFilledBefore(passage.CharacterCount));
    }

    [Fact]
    public void A_paragraph_long_enough_on_its_own_is_the_whole_passage()
    {
        var guide = GuideOf((ParagraphKind.Prose, new string('w', 90)), (ParagraphKind.Prose, "Never reached."));

        var passage = PassageBuilder.Build(guide, 0, PassageLength.Short);

        Assert.Equal(1, passage.ParagraphCount);
        Assert.Equal(90, passage.CharacterCount);
    }

    [Fact]
    public void At_the_end_of_the_guide_the_passage_is_shorter_and_the_next_index_is_the_paragraph_count()
    {
        var passage = PassageBuilder.Build(Fifties, 10, PassageLength.Long);

        Assert.Equal(2, passage.ParagraphCount);
        Assert.Equal(101, passage.CharacterCount);
        Assert.Equal(12, passage.NextParagraphIndex);
        Assert.Equal(Fifties.Paragraphs.Count, passage.NextParagraphIndex);
        Assert.True(passage.EndsGuide(Fifties));
        Assert.Equal(0, passage.FollowingParagraphIndex(Fifties));
    }

    [Fact]
    public void A_passage_remembers_where_it_starts()
    {
        var passage = PassageBuilder.Build(Fifties, 3, PassageLength.Short);

        Assert.Equal("g", passage.GuideId);
        Assert.Equal(3, passage.FirstParagraphIndex);
        Assert.Equal("g:p3", passage.FirstParagraphId);
        Assert.Equal(5, passage.NextParagraphIndex);
        Assert.False(passage.EndsGuide(Fifties));
        Assert.Equal(5, passage.FollowingParagraphIndex(Fifties));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void A_paragraph_index_outside_the_guide_is_rejected(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassageBuilder.Build(Fifties, index, PassageLength.Short));
    }

    private static readonly Guide Mixed = GuideOf(
        (ParagraphKind.Prose, "Intro."),
        (ParagraphKind.ListItem, "Item."),
        (ParagraphKind.TableRow, "a | b"),
        (ParagraphKind.Code, "x = 1"),
        (ParagraphKind.Code, "y = 2"),
        (ParagraphKind.Prose, "Done."));

    [Fact]
    public void Prose_like_paragraphs_are_joined_by_a_space_and_code_by_a_newline_on_either_side()
    {
        Assert.Equal("Intro. Item. a | b\nx = 1\ny = 2\nDone.", PassageBuilder.Build(Mixed, 0, PassageLength.Short).Text);
    }

    [Fact]
    public void Segments_tile_the_passage_and_each_joiner_belongs_to_the_paragraph_before_it()
    {
        var passage = PassageBuilder.Build(Mixed, 0, PassageLength.Short);

        Assert.Equal(
            [
                new PassageSegment(0, 7, ParagraphKind.Prose, 0),
                new PassageSegment(7, 6, ParagraphKind.ListItem, 1),
                new PassageSegment(13, 6, ParagraphKind.TableRow, 2),
                new PassageSegment(19, 6, ParagraphKind.Code, 3),
                new PassageSegment(25, 6, ParagraphKind.Code, 4),
                new PassageSegment(31, 5, ParagraphKind.Prose, 5),
            ],
            passage.Segments);
        Assert.Equal(36, passage.CharacterCount);
    }

    [Fact]
    public void Code_points_and_slices_are_indexed_by_code_point()
    {
        var passage = PassageBuilder.Build(GuideOf((ParagraphKind.Prose, "a🙂 é")), 0, PassageLength.Short);

        Assert.Equal(4, passage.CharacterCount);
        Assert.Equal(0x1F642, passage.CodePointAt(1));
        Assert.Equal("🙂 é", passage.Slice(1, 3));
    }

    [Fact]
    public void The_indentation_after_a_newline_is_auto_filled()
    {
        var passage = PassageBuilder.Build(GuideOf((ParagraphKind.Code, "fn main() {\n    run();\n}")), 0, PassageLength.Short);

        Assert.Equal(
            [12, 13, 14, 15],
            Enumerable.Range(0, passage.CharacterCount).Where(passage.IsAutoFilled));
        Assert.Equal(0, passage.AutoFilledBefore(12));
        Assert.Equal(2, passage.AutoFilledBefore(14));
        Assert.Equal(4, passage.AutoFilledBefore(16));
        Assert.Equal(4, passage.AutoFilledBefore(passage.CharacterCount));
    }

    [Fact]
    public void Indentation_after_a_joining_newline_is_auto_filled_but_not_on_the_first_line()
    {
        var passage = PassageBuilder.Build(GuideOf((ParagraphKind.Code, "  a()"), (ParagraphKind.Code, "\tb()")), 0, PassageLength.Short);

        Assert.Equal("  a()\n\tb()", passage.Text);
        Assert.Equal([6], Enumerable.Range(0, passage.CharacterCount).Where(passage.IsAutoFilled));
        Assert.Equal(1, passage.AutoFilledBefore(passage.CharacterCount));
    }

    private static Passage ProseOf(string text) => PassageBuilder.Build(GuideOf((ParagraphKind.Prose, text)), 0, PassageLength.Short);

    [Fact]
    public void The_indentation_as_ranges()
    {
        var passage = PassageBuilder.Build(GuideOf((ParagraphKind.Code, "fn main() {\n    run();\n\tstop();\n}")), 0, PassageLength.Short);

        Assert.Equal([(12, 4), (23, 1)], passage.AutoFilledRanges());
    }

    [Theory]
    // Mid-sentence: the emoji and one of the spaces around it, so "ship it today" is typed.
    [InlineData("ship it 🚀 today", 8, 2)]
    // At the start the space after it; at the end the space before it.
    [InlineData("🎉 go now", 0, 2)]
    [InlineData("done 🎉", 4, 2)]
    // Inside a word nothing else: "INY" is typed.
    [InlineData("I❤\uFE0FNY", 1, 2)]
    // A family is five code points: three people and two joiners.
    [InlineData("a 👨\u200D👩\u200D👧 b", 2, 6)]
    // Next to punctuation the space is typed.
    [InlineData("yes!🎉 go", 4, 1)]
    public void A_code_point_without_a_key_is_auto_filled_with_one_space_beside_it(string text, int start, int length)
    {
        var passage = ProseOf(text);

        Assert.Equal([(start, length)], passage.AutoFilledRanges());
        Assert.Equal(length, passage.AutoFilledBefore(passage.CharacterCount));
    }

    [Fact]
    public void Keyless_characters_at_both_ends_and_in_the_middle()
    {
        var passage = ProseOf("🎉 party 🎈 time 🎉");

        Assert.Equal([(0, 2), (8, 2), (14, 2)], passage.AutoFilledRanges());
        Assert.Equal("party time", string.Concat(
            Enumerable.Range(0, passage.CharacterCount).Where(i => !passage.IsAutoFilled(i)).Select(i => passage.Slice(i, 1))));
    }

    [Fact]
    public void After_indentation_a_keyless_character_and_the_space_after_it_join_the_filled_run()
    {
        var passage = PassageBuilder.Build(GuideOf((ParagraphKind.Code, "check {\n  ✅ done\n  → next 🚀\n}")), 0, PassageLength.Short);

        // Line 2: two spaces of indentation, the check mark, its space. Line 3: indentation, arrow, space; the space before the rocket and the rocket.
        Assert.Equal([(8, 4), (17, 4), (25, 2)], passage.AutoFilledRanges());
    }
}
