namespace TypingRace.Engine.Guides;

/// <summary>Numbers and names the paragraphs a parser finds, in reading order.</summary>
internal sealed class ParagraphCollector(string guideId)
{
    private readonly List<Paragraph> paragraphs = [];
    private readonly ParagraphIds ids = new(guideId);

    public IReadOnlyList<Paragraph> Paragraphs => paragraphs.AsReadOnly();

    /// <summary>
    /// Adds a paragraph unless it has nothing to type (empty, or only emoji and other keyless characters):
    /// a race on it could not be finished.
    /// </summary>
    public void Add(ParagraphKind kind, string section, string text)
    {
        if (!TypeableText.HasSomethingToType(text))
        {
            return;
        }

        paragraphs.Add(new Paragraph(ids.Next(text), paragraphs.Count, kind, section, text));
    }
}
