using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class GuideParserTests
{
    private const string FieldNotes = """
        Some words before any heading.

        # Field Notes on Lanternfish

        Lanternfish is a *tiny* job runner. It reads `lantern.toml` and
        starts each job in order — see the [manual](https://example.com/manual).

        ## Installing

        - Download the archive.
        - Unpack it:
          - on Linux, into `~/.local`;
          - on macOS, into **Applications**.
        - Run the “doctor” check…

        | Flag | Meaning |
        |------|---------|
        | `-q` | quiet output |
        | `-n` | _dry_ run |

        ### Configuring

        ```toml
        [job.build]
        command = "make"
          retries = 2
        ```
        """;

    private static readonly Guide Parsed = GuideParser.Parse("lanternfish", FieldNotes);

    [Fact]
    public void The_title_is_the_first_level_one_heading()
    {
        Assert.Equal("Field Notes on Lanternfish", Parsed.Title);
    }

    [Fact]
    public void Without_a_level_one_heading_the_title_is_the_guide_id()
    {
        Assert.Equal("no-title", GuideParser.Parse("no-title", "## Only a subsection\n\nText.").Title);
    }

    [Fact]
    public void Headings_are_not_paragraphs_but_name_the_section_of_those_below_them()
    {
        Assert.Equal(
            [
                ("", ParagraphKind.Prose),
                ("Field Notes on Lanternfish", ParagraphKind.Prose),
                ("Installing", ParagraphKind.ListItem),
                ("Installing", ParagraphKind.ListItem),
                ("Installing", ParagraphKind.ListItem),
                ("Installing", ParagraphKind.ListItem),
                ("Installing", ParagraphKind.ListItem),
                ("Installing", ParagraphKind.TableRow),
                ("Installing", ParagraphKind.TableRow),
                ("Installing", ParagraphKind.TableRow),
                ("Configuring", ParagraphKind.Code),
            ],
            Parsed.Paragraphs.Select(paragraph => (paragraph.Section, paragraph.Kind)));
        Assert.Equal(Enumerable.Range(0, 11), Parsed.Paragraphs.Select(paragraph => paragraph.Index));
    }

    [Fact]
    public void Prose_loses_emphasis_backticks_and_link_targets_and_its_line_breaks_become_spaces()
    {
        Assert.Equal(
            "Lanternfish is a tiny job runner. It reads lantern.toml and starts each job in order - see the manual.",
            Parsed.Paragraphs[1].Text);
    }

    [Fact]
    public void Each_list_item_is_a_paragraph_without_its_marker_and_nested_items_are_their_own()
    {
        Assert.Equal(
            ["Download the archive.", "Unpack it:", "on Linux, into ~/.local;", "on macOS, into Applications.", "Run the \"doctor\" check..."],
            Parsed.Paragraphs.Skip(2).Take(5).Select(paragraph => paragraph.Text));
    }

    [Fact]
    public void Each_table_row_including_the_header_joins_its_cells_with_the_separator()
    {
        Assert.Equal(
            ["Flag | Meaning", "-q | quiet output", "-n | dry run"],
            Parsed.Paragraphs.Skip(7).Take(3).Select(paragraph => paragraph.Text));
    }

    [Fact]
    public void A_code_block_keeps_its_lines_and_indentation()
    {
        Assert.Equal("[job.build]\ncommand = \"make\"\n  retries = 2", Parsed.Paragraphs[10].Text);
    }

    [Fact]
    public void Code_lines_lose_trailing_whitespace_and_surrounding_blank_lines()
    {
        var guide = GuideParser.Parse("g", "```\n\nif ready:   \n\tgo()\t\n\n```");

        Assert.Equal("if ready:\n\tgo()", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void An_indented_code_block_is_code_too()
    {
        var guide = GuideParser.Parse("g", "Run this:\n\n    make all\n      -j 4\n");

        Assert.Equal(ParagraphKind.Code, guide.Paragraphs[1].Kind);
        Assert.Equal("make all\n  -j 4", guide.Paragraphs[1].Text);
    }

    [Fact]
    public void Code_inside_a_list_item_loses_the_list_indentation_but_keeps_its_own()
    {
        var guide = GuideParser.Parse("g", "1. Build it:\n\n   ```sh\n   make \\\n     release\n   ```\n2. Ship it.");

        Assert.Equal(
            [(ParagraphKind.ListItem, "Build it:"), (ParagraphKind.Code, "make \\\n  release"), (ParagraphKind.ListItem, "Ship it.")],
            guide.Paragraphs.Select(paragraph => (paragraph.Kind, paragraph.Text)));
    }

    [Fact]
    public void A_long_code_block_is_split_at_blank_lines_into_pieces_of_at_most_twelve_lines()
    {
        // 17 lines: 5, blank, 4, blank, 6. The first two stanzas fit in 10 lines; the third would make 17.
        const string markdown = """
            ```
            open the log
            read the header
            check the magic
            check the version
            remember the size

            for each record
              read its length
              read its body
            end

            close the log
            flush the cache
            print the summary
            print the errors
            print the warnings
            exit
            ```
            """;

        var pieces = GuideParser.Parse("g", markdown).Paragraphs;

        Assert.Equal(12, GuideParser.CodeSplitThreshold);
        Assert.Equal(
            [
                "open the log\nread the header\ncheck the magic\ncheck the version\nremember the size\n\nfor each record\n  read its length\n  read its body\nend",
                "close the log\nflush the cache\nprint the summary\nprint the errors\nprint the warnings\nexit",
            ],
            pieces.Select(paragraph => paragraph.Text));
        Assert.All(pieces, paragraph => Assert.Equal(ParagraphKind.Code, paragraph.Kind));
    }

    [Fact]
    public void A_long_code_block_without_blank_lines_stays_whole()
    {
        var lines = Enumerable.Range(1, 13).Select(i => $"step {i}");

        var guide = GuideParser.Parse("g", $"```\n{string.Join('\n', lines)}\n```");

        Assert.Equal(string.Join('\n', lines), Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void Autolinks_show_their_address_images_and_html_tags_show_nothing()
    {
        var guide = GuideParser.Parse("g", "Mail <ops@example.com> or see ![diagram](d.png)<br>below &amp; above.");

        Assert.Equal("Mail ops@example.com or see below & above.", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void A_hard_line_break_becomes_one_space()
    {
        var guide = GuideParser.Parse("g", "first line  \nsecond line\\\nthird line");

        Assert.Equal("first line second line third line", Assert.Single(guide.Paragraphs).Text);
    }

    [Fact]
    public void Empty_paragraphs_are_dropped()
    {
        var guide = GuideParser.Parse("g", "| a | |\n|---|---|\n| | |\n\n```\n\n```\n\n<!-- a comment -->\n\n---\n\nLast.");

        Assert.Equal(["a", "Last."], guide.Paragraphs.Select(paragraph => paragraph.Text));
    }

    [Fact]
    public void Paragraphs_with_nothing_to_type_are_dropped_like_empty_ones()
    {
        var guide = GuideParser.Parse("g", "First.\n\n🎉🎉🎉\n\n- • ◦\n- kept 🚀\n\nLast.");

        Assert.Equal(["First.", "kept 🚀", "Last."], guide.Paragraphs.Select(paragraph => paragraph.Text));
        Assert.Equal([0, 1, 2], guide.Paragraphs.Select(paragraph => paragraph.Index));
    }

    [Fact]
    public void A_paragraph_id_is_the_guide_id_and_the_first_12_hex_digits_of_the_sha256_of_its_text()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("g:ba7816bf8f01", Assert.Single(GuideParser.Parse("g", "*abc*").Paragraphs).Id);
    }

    [Fact]
    public void Ids_survive_edits_elsewhere_and_change_with_the_paragraph_text()
    {
        var before = GuideParser.Parse("g", "# T\n\nKeep me.\n\nEdit me.");
        var after = GuideParser.Parse("g", "# Renamed\n\nNew first.\n\nKeep me.\n\nEdit me, edited.");

        Assert.Equal(before.Paragraphs[0].Id, after.Paragraphs[1].Id);
        Assert.NotEqual(before.Paragraphs[1].Id, after.Paragraphs[2].Id);
    }

    [Fact]
    public void Repeated_text_gets_numbered_ids()
    {
        var guide = GuideParser.Parse("g", "- abc\n- other\n- abc\n- abc");

        Assert.Equal(
            ["g:ba7816bf8f01", "g:ba7816bf8f01-2", "g:ba7816bf8f01-3"],
            guide.Paragraphs.Where(paragraph => paragraph.Text == "abc").Select(paragraph => paragraph.Id));
    }

    [Fact]
    public void Lengths_are_in_code_points()
    {
        var guide = GuideParser.Parse("g", "Café 🙂\n\n한국어");

        Assert.Equal([6, 3], guide.Paragraphs.Select(paragraph => paragraph.Length));
        Assert.Equal(9, guide.TotalCharacters);
        Assert.Equal(4, (guide.Paragraphs[1] with { Text = "다시 봐" }).Length);
    }
}
