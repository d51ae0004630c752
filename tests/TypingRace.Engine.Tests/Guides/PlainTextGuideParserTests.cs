using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class PlainTextGuideParserTests
{
    /// <summary>
    /// What selecting all of a blog post and copying it gives: the site's menu and share bar, the post's title and
    /// byline, prose wrapped at about 70 columns, bullets of several kinds, a numbered list, a table flattened into
    /// lines, unfenced code, emoji, and the feedback widget at the bottom.
    /// </summary>
    internal const string PageDump = """
        Home   Products   Blog   Pricing   Sign in
        Share  ·  Tweet  ·  Copy link

        Shutting Down a Worker Pool Cleanly

        Posted by the platform team · 12 comments

        Why shutdown matters

        A worker pool that stops in the middle of a job can leave half-written
        files, open connections and a queue that nobody drains. The fix is not
        complicated, but it has to be designed in from the first day 🙂 rather
        than bolted on after the first incident.

        Set the grace period to 5*time.Second for most services;   batch jobs
        may need longer.

        What a clean stop needs

        • Stop accepting new jobs.
        • Let running jobs finish, up to a deadline.
            Anything still running after it is cancelled.
          ◦ Flush metrics and logs.
        - Close the queue connection last.
        * Exit with status 0.

        The order, step by step:

        1. Cancel the root context.
        2) Wait for the workers to return.
        10. Report how many jobs were dropped.

        Timeouts we use

        Name Timeout Owner
        api 5s web team
        billing 30s payments

        A minimal pool

        Here is the whole pool, without error handling:
        func run(ctx context.Context, jobs <-chan Job) {
            var wg sync.WaitGroup
            for i := 0; i < 4; i++ {
                wg.Add(1)
                go worker(ctx, &wg, jobs)
            }

            <-ctx.Done()
            wg.Wait()
        }

        That is all it takes 🎉 in most services.

        Related posts
        Was this helpful?  Yes  No
        """;

    private static readonly Guide Dump = PlainTextGuideParser.Parse("pool", PageDump);

    [Fact]
    public void A_page_dump_becomes_exactly_these_paragraphs()
    {
        const string why = "Why shutdown matters";
        const string stop = "What a clean stop needs";
        const string timeouts = "Timeouts we use";
        const string pool = "A minimal pool";
        Assert.Equal(
            [
                (ParagraphKind.Prose, "", "Home Products Blog Pricing Sign in Share · Tweet · Copy link"),
                (ParagraphKind.Prose, why, "A worker pool that stops in the middle of a job can leave half-written files, open connections and a queue that nobody drains. The fix is not complicated, but it has to be designed in from the first day 🙂 rather than bolted on after the first incident."),
                (ParagraphKind.Prose, why, "Set the grace period to 5*time.Second for most services; batch jobs may need longer."),
                (ParagraphKind.ListItem, stop, "Stop accepting new jobs."),
                (ParagraphKind.ListItem, stop, "Let running jobs finish, up to a deadline. Anything still running after it is cancelled."),
                (ParagraphKind.ListItem, stop, "Flush metrics and logs."),
                (ParagraphKind.ListItem, stop, "Close the queue connection last."),
                (ParagraphKind.ListItem, stop, "Exit with status 0."),
                (ParagraphKind.Prose, stop, "The order, step by step:"),
                (ParagraphKind.ListItem, stop, "Cancel the root context."),
                (ParagraphKind.ListItem, stop, "Wait for the workers to return."),
                (ParagraphKind.ListItem, stop, "Report how many jobs were dropped."),
                (ParagraphKind.Prose, timeouts, "Name Timeout Owner api 5s web team billing 30s payments"),
                (ParagraphKind.Prose, pool, "Here is the whole pool, without error handling:"),
                (ParagraphKind.Code, pool, """
                    func run(ctx context.Context, jobs <-chan Job) {
                        var wg sync.WaitGroup
                        for i := 0; i < 4; i++ {
                            wg.Add(1)
                            go worker(ctx, &wg, jobs)
                        }

                        <-ctx.Done()
                        wg.Wait()
                    }
                    """),
                (ParagraphKind.Prose, pool, "That is all it takes 🎉 in most services."),
                (ParagraphKind.Prose, pool, "Related posts Was this helpful? Yes No"),
            ],
            Dump.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Section, paragraph.Text)));
        Assert.Equal(Enumerable.Range(0, 17), Dump.Paragraphs.Select(paragraph => paragraph.Index));
    }

    [Fact]
    public void The_guide_title_is_the_first_section_title_and_a_byline_above_a_heading_is_a_title_too()
    {
        Assert.Equal("Shutting Down a Worker Pool Cleanly", Dump.Title);
        Assert.DoesNotContain(Dump.Paragraphs, paragraph => paragraph.Text.Contains("comments", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_follow_the_markdown_scheme()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        var guide = PlainTextGuideParser.Parse("g", "- abc\n- other\n- abc\n\nabc");

        Assert.Equal(["g:ba7816bf8f01", guide.Paragraphs[1].Id, "g:ba7816bf8f01-2", "g:ba7816bf8f01-3"], guide.Paragraphs.Select(paragraph => paragraph.Id));
        Assert.Equal(GuideParser.Parse("g", "other").Paragraphs[0].Id, guide.Paragraphs[1].Id);
    }

    [Fact]
    public void Windows_and_old_mac_line_ends_read_the_same()
    {
        var crlf = PlainTextGuideParser.Parse("pool", PageDump.Replace("\n", "\r\n", StringComparison.Ordinal));
        var cr = PlainTextGuideParser.Parse("pool", PageDump.Replace("\n", "\r", StringComparison.Ordinal));

        Assert.Equal(Dump.Paragraphs, crlf.Paragraphs);
        Assert.Equal(Dump.Paragraphs, cr.Paragraphs);
    }

    [Fact]
    public void No_markdown_is_interpreted()
    {
        var guide = PlainTextGuideParser.Parse("g", "Use `go vet`, *stars*, _underscores_, **bold** and [links](x) as they are; # too.");

        Assert.Equal("Use `go vet`, *stars*, _underscores_, **bold** and [links](x) as they are; # too.", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void Text_is_made_typeable_as_markdown_text_is()
    {
        var guide = PlainTextGuideParser.Parse("g", "It\u2019s \u201Cdone\u201D \u2014 caf\u0065\u0301\u00A0bar\u2026");

        Assert.Equal("It's \"done\" - caf\u00E9 bar...", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void Prose_lines_join_with_one_space_and_runs_of_spaces_collapse()
    {
        var guide = PlainTextGuideParser.Parse("g", "one   two\nthree\t four\n five\n\nnext");

        Assert.Equal(["one two three four five", "next"], guide.Paragraphs.Select(paragraph => paragraph.Text));
    }

    [Theory]
    [InlineData("• item")]
    [InlineData("◦ item")]
    [InlineData("‣ item")]
    [InlineData("▪ item")]
    [InlineData("● item")]
    [InlineData("- item")]
    [InlineData("* item")]
    [InlineData("\u2013 item")] // an en dash, which Normalize makes "-"
    [InlineData("   • item")]
    [InlineData("\t- item")]
    [InlineData("1. item")]
    [InlineData("2) item")]
    [InlineData("10. item")]
    [InlineData("•\titem")]
    public void A_bullet_or_number_and_a_space_make_a_list_item_without_the_marker(string line)
    {
        var paragraph = Assert.Single(PlainTextGuideParser.Parse("g", line).Paragraphs);

        Assert.Equal((ParagraphKind.ListItem, "item"), (paragraph.Kind, paragraph.Text));
    }

    [Theory]
    [InlineData("-5 degrees at night.")]
    [InlineData("*nix systems differ.")]
    [InlineData("**Note** this.")]
    [InlineData("2019. A good year.")]
    [InlineData("1.5 is a number.")]
    [InlineData("•item without a space.")]
    public void Without_a_space_after_it_a_marker_is_text(string line)
    {
        var paragraph = Assert.Single(PlainTextGuideParser.Parse("g", line).Paragraphs);

        Assert.Equal((ParagraphKind.Prose, line), (paragraph.Kind, paragraph.Text));
    }

    [Fact]
    public void Indented_lines_continue_a_list_item_and_an_unindented_one_starts_prose()
    {
        var guide = PlainTextGuideParser.Parse("g", "- first item\n  wraps here\n\tand here\n- second\nNot part of it.\nStill prose.");

        Assert.Equal(
            [(ParagraphKind.ListItem, "first item wraps here and here"), (ParagraphKind.ListItem, "second"), (ParagraphKind.Prose, "Not part of it. Still prose.")],
            guide.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Text)));
    }

    [Fact]
    public void Lines_with_nothing_to_type_count_as_blank()
    {
        var guide = PlainTextGuideParser.Parse("g", "Above the rule.\n────────────\nBelow the rule.\n\n🎉🎉\n\n• • •\n\nLast.");

        Assert.Equal(["Above the rule.", "Below the rule.", "Last."], guide.Paragraphs.Select(paragraph => paragraph.Text));
    }

    [Fact]
    public void Empty_text_is_a_guide_without_paragraphs_titled_by_its_id()
    {
        var guide = PlainTextGuideParser.Parse("empty", " \n\n\t\n");

        Assert.Empty(guide.Paragraphs);
        Assert.Equal("empty", guide.Title);
    }
}

public class PlainTextTitleTests
{
    private static Guide Parse(string text) => PlainTextGuideParser.Parse("g", text);

    [Fact]
    public void A_short_line_on_its_own_before_a_paragraph_is_a_section_title_and_the_first_names_the_guide()
    {
        var guide = Parse("Getting started\n\nInstall the tool.\n\nNext steps\n\nRead the manual.");

        Assert.Equal("Getting started", guide.Title);
        Assert.Equal(
            [("Getting started", "Install the tool."), ("Next steps", "Read the manual.")],
            guide.Paragraphs.Select(paragraph => (paragraph.Section, paragraph.Text)));
    }

    [Fact]
    public void Without_any_title_the_guide_is_named_by_its_id()
    {
        Assert.Equal("g", Parse("Only a sentence here.").Title);
    }

    [Theory]
    [InlineData("Ends with a period.")]
    [InlineData("Ends with a question?")]
    [InlineData("Ends with a bang!")]
    [InlineData("Ends with a colon:")]
    [InlineData("Ends with a semicolon;")]
    [InlineData("Ends with a comma,")]
    [InlineData("one two three four five six seven eight nine ten eleven")]
    [InlineData("- a list item")]
    [InlineData("----")]
    public void A_line_that_ends_like_a_sentence_is_too_long_or_is_no_heading_stays_a_paragraph(string line)
    {
        var guide = Parse($"{line}\n\nBody text.");

        Assert.Equal(2, guide.Paragraphs.Count);
        Assert.All(guide.Paragraphs, paragraph => Assert.Equal("", paragraph.Section));
    }

    [Fact]
    public void Ten_words_and_eighty_characters_are_still_short()
    {
        var eighty = new string('x', 80);
        var tenWords = "one two three four five six seven eight nine ten";

        Assert.Equal(eighty, Parse($"{eighty}\n\nBody.").Paragraphs[0].Section);
        Assert.Equal(tenWords, Parse($"{tenWords}\n\nBody.").Paragraphs[0].Section);
        Assert.Equal(2, Parse($"{eighty}x\n\nBody.").Paragraphs.Count);
    }

    [Fact]
    public void A_short_line_with_nothing_after_it_is_a_paragraph()
    {
        var guide = Parse("Body text.\n\nThanks for reading");

        Assert.Equal(["Body text.", "Thanks for reading"], guide.Paragraphs.Select(paragraph => paragraph.Text));
    }

    [Fact]
    public void A_short_line_inside_a_block_is_part_of_its_prose()
    {
        var guide = Parse("Introduction\nThe text goes on right below.");

        Assert.Equal("Introduction The text goes on right below.", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void Titles_in_a_row_are_all_titles_and_the_last_names_the_section()
    {
        var guide = Parse("The Guide\n\nPart one\n\nChapter 1\n\n- First point.\n\n    x := 1");

        Assert.Equal("The Guide", guide.Title);
        Assert.Equal(
            [("Chapter 1", ParagraphKind.ListItem), ("Chapter 1", ParagraphKind.Code)],
            guide.Paragraphs.Select(paragraph => (paragraph.Section, paragraph.Kind)));
    }
}

public class PlainTextCodeTests
{
    [Theory]
    [InlineData("func main() {", "    run()", "}")]
    [InlineData("x := compute()")]
    [InlineData("fmt.Println(total)")]
    [InlineData("if ready:", "    go()")]
    [InlineData("def area(r):", "    return 3.14 * r * r")]
    [InlineData("else:", "    pass")]
    [InlineData("for job in jobs:", "    job.run()")]
    [InlineData("with open(path) as f:", "    data = f.read()")]
    [InlineData("let total = 0;")]
    [InlineData("#include <stdio.h>")]
    [InlineData("// keep the lock short", "mu.Lock()", "counter++", "mu.Unlock()")]
    [InlineData("$ go build ./...", "$ go test ./...")]
    [InlineData("git push --force-with-lease")]
    [InlineData("for (var i = 0; i < n; i++)", "{", "    Step(i);", "}")]
    [InlineData("items.Where(x => x.Ready)")]
    [InlineData("if a == b && c != d", "    swap")]
    [InlineData("public sealed class Pool", "{", "    private readonly Queue<Job> jobs = new();", "}")]
    [InlineData("return nil")]
    public void Lines_with_code_signals_are_code(params string[] lines)
    {
        Assert.True(PlainTextGuideParser.IsCodeBlock(lines));
    }

    [Theory]
    [InlineData("Here is how it works:")]
    [InlineData("If the queue is full, the call blocks until a worker is free:")]
    [InlineData("For each job, do the following:")]
    [InlineData("with the race detector on:")]
    [InlineData("for example:")]
    [InlineData("The fix is simple (see below)")]
    [InlineData("Set the timeout to 5*time.Second for slow links.")]
    [InlineData("Return the form by Friday.")]
    [InlineData("    An indented quotation with no code in it,", "    spread over two lines.")]
    [InlineData("    npm install", "    npm test")]
    [InlineData("A paragraph that mentions a != b once", "and then goes on for two more lines", "without any further code at all.")]
    [InlineData("Name Timeout Owner", "api 5s web team")]
    public void Prose_even_ending_with_a_colon_or_indented_is_not_code(params string[] lines)
    {
        Assert.False(PlainTextGuideParser.IsCodeBlock(lines));
    }

    [Fact]
    public void A_sentence_ending_with_a_colon_stays_prose_on_its_own_and_above_code()
    {
        var alone = PlainTextGuideParser.Parse("g", "Here is how it works:\n\nThe queue fills, then drains.");
        var above = PlainTextGuideParser.Parse("g", "Run it like this,\nwith the race detector on:\n$ go test -race ./...\n$ go vet ./...");

        Assert.All(alone.Paragraphs, paragraph => Assert.Equal(ParagraphKind.Prose, paragraph.Kind));
        Assert.Equal(
            [(ParagraphKind.Prose, "Run it like this, with the race detector on:"), (ParagraphKind.Code, "$ go test -race ./...\n$ go vet ./...")],
            above.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Text)));
    }

    [Fact]
    public void Code_keeps_tabs_and_relative_indentation_and_loses_the_indentation_all_lines_share()
    {
        var tabs = PlainTextGuideParser.Parse("g", "func f() {\n\treturn\n}");
        var shared = PlainTextGuideParser.Parse("g", "    if (ok) {\n        go();\n    }");

        Assert.Equal("func f() {\n\treturn\n}", Assert.Single(tabs.Paragraphs).Text);
        Assert.Equal("if (ok) {\n    go();\n}", Assert.Single(shared.Paragraphs).Text);
    }

    [Fact]
    public void A_blank_line_followed_by_code_continues_the_block_but_one_followed_by_prose_ends_it()
    {
        var guide = PlainTextGuideParser.Parse("g", "def f():\n    x = 1\n\n    y = 2\n    return x + y\n\n\nThat returns three.");

        Assert.Equal(
            [(ParagraphKind.Code, "def f():\n    x = 1\n\n    y = 2\n    return x + y"), (ParagraphKind.Prose, "That returns three.")],
            guide.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Text)));
    }

    [Fact]
    public void After_code_a_block_that_is_only_indented_continues_it()
    {
        var guide = PlainTextGuideParser.Parse("g", "func f() {\n\n    a\n    b\n}");

        Assert.Equal("func f() {\n\n    a\n    b\n}", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void A_long_block_is_split_at_blank_lines_by_the_markdown_rule()
    {
        var first = Enumerable.Range(1, 7).Select(i => $"step{i}();");
        var second = Enumerable.Range(8, 7).Select(i => $"step{i}();");
        var text = $"{string.Join('\n', first)}\n\n{string.Join('\n', second)}";

        var plain = PlainTextGuideParser.Parse("g", text);
        var markdown = GuideParser.Parse("g", $"```\n{text}\n```");

        Assert.Equal([string.Join('\n', first), string.Join('\n', second)], plain.Paragraphs.Select(paragraph => paragraph.Text));
        Assert.Equal(markdown.Paragraphs, plain.Paragraphs);
    }
}
