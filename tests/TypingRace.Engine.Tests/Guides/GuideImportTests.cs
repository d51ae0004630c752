using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public class GuideImportTests
{
    [Fact]
    public void Markdown_import_gives_what_the_markdown_parser_gives_for_every_shipped_guide()
    {
        var files = Directory.EnumerateFiles(ContentGuides(), "*.md")
            .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.InRange(files.Count, 2, int.MaxValue);

        foreach (var path in files)
        {
            var id = Path.GetFileNameWithoutExtension(path).ToLowerInvariant();
            var markdown = File.ReadAllText(path);

            var parsed = GuideParser.Parse(id, markdown);
            var imported = GuideImport.Parse(id, "", GuideFormat.Markdown, markdown);

            Assert.Equal((parsed.Id, parsed.Title, parsed.TotalCharacters), (imported.Id, imported.Title, imported.TotalCharacters));
            Assert.Equal(parsed.Paragraphs, imported.Paragraphs);
            Assert.InRange(parsed.Paragraphs.Count, 10, int.MaxValue);
        }
    }

    [Fact]
    public void Text_import_is_the_plain_text_parser()
    {
        var imported = GuideImport.Parse("pool", "", GuideFormat.Text, PlainTextGuideParserTests.PageDump);

        Assert.Equal(PlainTextGuideParser.Parse("pool", PlainTextGuideParserTests.PageDump).Paragraphs, imported.Paragraphs);
        Assert.Equal("Shutting Down a Worker Pool Cleanly", imported.Title);
    }

    [Theory]
    [InlineData(GuideFormat.Markdown, "# From the file\n\nText.")]
    [InlineData(GuideFormat.Text, "From the file\n\nText.")]
    public void A_title_given_with_the_import_replaces_the_content_s_own(GuideFormat format, string content)
    {
        Assert.Equal("From the file", GuideImport.Parse("g", "  ", format, content).Title);
        Assert.Equal("My \"notes\"", GuideImport.Parse("g", "  My   \u201Cnotes\u201D ", format, content).Title);
    }

    [Fact]
    public void An_unknown_format_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>("format", () => GuideImport.Parse("g", "", (GuideFormat)7, "Text."));
    }

    [Theory]
    [InlineData("# Title\n\nSome text.")]
    [InlineData("Intro\n\n  ## Indented heading\n\nMore.")]
    [InlineData("Run:\n\n```\nmake\n```")]
    [InlineData("Run:\n\n~~~sh\nmake\n~~~")]
    [InlineData("See [the manual](https://example.com/manual) first.")]
    [InlineData("| Name | Age |\n|------|----:|\n| Ana | 31 |")]
    [InlineData("|---|")]
    [InlineData("This is **important** to know.")]
    public void Markdown_structure_is_recognised(string content)
    {
        Assert.True(GuideImport.LooksLikeMarkdown(content));
    }

    [Theory]
    [InlineData(PlainTextGuideParserTests.PageDump)]
    [InlineData("#hashtag and issue #42 are not headings")]
    [InlineData("#include <stdio.h>")]
    [InlineData("Use 5*time.Second and *args here.")]
    [InlineData("Compute a**2 + b**2 first.")]
    [InlineData("def __init__(self): and __main__ too")]
    [InlineData("An [aside] (with a space) is not a link.")]
    [InlineData("- a bullet\n* another\n1. a number")]
    [InlineData("Name | Age\nAna | 31")]
    [InlineData("-----\nBelow a rule.")]
    [InlineData("")]
    public void Plain_text_is_not_taken_for_markdown(string content)
    {
        Assert.False(GuideImport.LooksLikeMarkdown(content));
    }

    [Theory]
    [InlineData("notes.md", "plain words", GuideFormat.Markdown)]
    [InlineData("NOTES.Markdown", "plain words", GuideFormat.Markdown)]
    [InlineData("notes.txt", "# Heading\n\ntext", GuideFormat.Text)]
    [InlineData(null, "# Heading\n\ntext", GuideFormat.Markdown)]
    [InlineData(null, "plain words", GuideFormat.Text)]
    [InlineData("page.html", "plain words", GuideFormat.Text)]
    public void A_file_s_extension_decides_its_format_and_without_one_the_content_does(string? fileName, string content, GuideFormat expected)
    {
        Assert.Equal(expected, GuideImport.FormatOf(fileName, content));
    }

    internal static string ContentGuides()
    {
        // The test runs from bin/<configuration>/<framework>; the guides are in the repository's content folder.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "content", "guides");
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        throw new DirectoryNotFoundException($"No content/guides above {AppContext.BaseDirectory}.");
    }
}
