using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Tests.Guides;

public sealed class GuideLibraryTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("typingrace-guides-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Loading_a_folder_reads_every_markdown_file_with_its_lowercased_name_as_id_sorted()
    {
        File.WriteAllText(Path.Combine(folder.FullName, "Zebra.md"), "# Stripes\n\nBlack and white.");
        File.WriteAllText(Path.Combine(folder.FullName, "apple.md"), "Red or green.");
        File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "Not a guide.");

        var library = GuideLibrary.LoadDirectory(folder.FullName);

        Assert.Equal(["apple", "zebra"], library.Guides.Select(guide => guide.Id));
        Assert.True(library.TryGet("zebra", out var zebra));
        Assert.Equal("Stripes", zebra.Title);
        Assert.Equal("zebra:", zebra.Paragraphs[0].Id[..6]);
    }

    [Fact]
    public void An_unknown_id_is_not_found()
    {
        var library = new GuideLibrary([]);

        Assert.False(library.TryGet("missing", out var guide));
        Assert.Null(guide);
    }

    [Fact]
    public void Importing_adds_a_guide_in_id_order()
    {
        var library = new GuideLibrary([GuideParser.Parse("m", "Middle.")]);

        var imported = library.Import("a", "# First\n\nFirst text.");

        Assert.Equal("First", imported.Title);
        Assert.Equal(["a", "m"], library.Guides.Select(guide => guide.Id));
    }

    [Fact]
    public void Importing_an_existing_id_replaces_that_guide()
    {
        var library = new GuideLibrary([GuideParser.Parse("g", "Old text.")]);

        library.Import("g", "New text.");

        Assert.True(library.TryGet("g", out var guide));
        Assert.Equal("New text.", Assert.Single(guide.Paragraphs).Text);
        Assert.Single(library.Guides);
    }
}
