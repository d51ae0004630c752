using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class GuideEditsTests
{
    private static Guide Parsed(string text) => PlainTextGuideParser.Parse("g", text);

    /// <summary>A sentence cut in two by a share bar, then two pieces of code.</summary>
    private static readonly Guide Five = GuideParser.Parse(
        "g",
        "# T\n\n## Intro\n\nFirst half of a sentence\n\nShare Tweet\n\nand its second half.\n\n```\nfunc a() {\n}\n```\n\n```\nfunc b() {\n}\n```");

    [Fact]
    public void The_guide_to_edit_is_as_expected()
    {
        Assert.Equal(
            [
                (ParagraphKind.Prose, "First half of a sentence"),
                (ParagraphKind.Prose, "Share Tweet"),
                (ParagraphKind.Prose, "and its second half."),
                (ParagraphKind.Code, "func a() {\n}"),
                (ParagraphKind.Code, "func b() {\n}"),
            ],
            Five.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Text)));
        Assert.All(Five.Paragraphs, paragraph => Assert.Equal("Intro", paragraph.Section));
    }

    [Fact]
    public void Nothing_to_do_gives_the_same_paragraphs()
    {
        var edited = GuideEdits.Apply(Five, [], []);

        Assert.Equal(Five.Paragraphs, edited.Paragraphs);
        Assert.Equal((Five.Id, Five.Title), (edited.Id, edited.Title));
    }

    [Fact]
    public void Deleting_renumbers_and_unique_texts_keep_their_ids()
    {
        var edited = GuideEdits.Apply(Five, [1, 3], []);

        Assert.Equal([Five.Paragraphs[0].Id, Five.Paragraphs[2].Id, Five.Paragraphs[4].Id], edited.Paragraphs.Select(paragraph => paragraph.Id));
        Assert.Equal([0, 1, 2], edited.Paragraphs.Select(paragraph => paragraph.Index));
        Assert.Equal(Five.TotalCharacters - Five.Paragraphs[1].Length - Five.Paragraphs[3].Length, edited.TotalCharacters);
    }

    [Fact]
    public void Merging_prose_joins_with_a_space_and_keeps_the_first_kind_and_section()
    {
        var edited = GuideEdits.Apply(Five, [], [0]);

        var merged = edited.Paragraphs[0];
        Assert.Equal((ParagraphKind.Prose, "Intro", "First half of a sentence Share Tweet"), (merged.Kind, merged.Section, merged.Text));
        Assert.Equal([0, 1, 2, 3], edited.Paragraphs.Select(paragraph => paragraph.Index));
    }

    [Fact]
    public void A_merge_reaches_over_deleted_paragraphs_so_a_cut_sentence_is_mended()
    {
        var edited = GuideEdits.Apply(Five, [1], [0]);

        var merged = edited.Paragraphs[0];
        Assert.Equal("First half of a sentence and its second half.", merged.Text);
        Assert.Equal(GuideParser.Parse("g", "First half of a sentence and its second half.").Paragraphs[0].Id, merged.Id);
        Assert.Equal([Five.Paragraphs[3].Id, Five.Paragraphs[4].Id], edited.Paragraphs.Skip(1).Select(paragraph => paragraph.Id));
    }

    [Fact]
    public void Merging_code_joins_with_a_newline()
    {
        var edited = GuideEdits.Apply(Five, [], [3]);

        Assert.Equal((ParagraphKind.Code, "func a() {\n}\nfunc b() {\n}"), (edited.Paragraphs[3].Kind, edited.Paragraphs[3].Text));
        Assert.Equal(4, edited.Paragraphs.Count);
    }

    [Fact]
    public void Code_merged_into_prose_becomes_one_line_of_prose()
    {
        var edited = GuideEdits.Apply(Five, [], [2]);

        Assert.Equal((ParagraphKind.Prose, "and its second half. func a() { }"), (edited.Paragraphs[2].Kind, edited.Paragraphs[2].Text));
    }

    [Fact]
    public void Merges_chain()
    {
        var edited = GuideEdits.Apply(Five, [], [0, 1, 2, 3]);

        Assert.Equal("First half of a sentence Share Tweet and its second half. func a() { } func b() { }", Assert.Single(edited.Paragraphs).Text);
    }

    [Fact]
    public void Ids_are_given_out_again_so_repeated_text_is_numbered_as_a_parser_numbers_it()
    {
        var guide = Parsed("- abc\n- other\n- abc\n- abc");

        var edited = GuideEdits.Apply(guide, [0], []);

        Assert.Equal(["g:ba7816bf8f01", "g:ba7816bf8f01-2"], edited.Paragraphs.Where(paragraph => paragraph.Text == "abc").Select(paragraph => paragraph.Id));
        Assert.Equal(Parsed("- other\n- abc\n- abc").Paragraphs, edited.Paragraphs);
    }

    [Fact]
    public void Deleting_every_paragraph_leaves_a_guide_with_none()
    {
        var edited = GuideEdits.Apply(Five, [0, 1, 2, 3, 4], []);

        Assert.Empty(edited.Paragraphs);
        Assert.Equal(0, edited.TotalCharacters);
    }

    [Fact]
    public void Review_of_the_page_dump_drops_the_chrome()
    {
        var dump = PlainTextGuideParser.Parse("pool", PlainTextGuideParserTests.PageDump);

        var reviewed = GuideEdits.Apply(dump, [0, 16], [1]);

        Assert.Equal(14, reviewed.Paragraphs.Count);
        Assert.StartsWith("A worker pool", reviewed.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("first incident. Set the grace period to 5*time.Second for most services; batch jobs may need longer.", reviewed.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 14), reviewed.Paragraphs.Select(paragraph => paragraph.Index));
        Assert.Equal("That is all it takes 🎉 in most services.", reviewed.Paragraphs[^1].Text);
    }

    [Theory]
    [InlineData(new[] { -1 }, new int[0], "delete", "There is no paragraph -1: the guide has 5, numbered from 0.")]
    [InlineData(new[] { 5 }, new int[0], "delete", "There is no paragraph 5: the guide has 5, numbered from 0.")]
    [InlineData(new int[0], new[] { 9 }, "mergeWithNext", "There is no paragraph 9: the guide has 5, numbered from 0.")]
    [InlineData(new int[0], new[] { 4 }, "mergeWithNext", "Paragraph 4 has no paragraph left after it to merge with.")]
    [InlineData(new[] { 4 }, new[] { 3 }, "mergeWithNext", "Paragraph 3 has no paragraph left after it to merge with.")]
    [InlineData(new[] { 1 }, new[] { 1 }, "mergeWithNext", "Paragraph 1 is deleted, so it cannot be merged with the next one.")]
    public void A_bad_index_is_out_of_range_with_a_clear_message(int[] delete, int[] merge, string parameter, string message)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(parameter, () => GuideEdits.Apply(Five, delete, merge));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
