namespace TypingRace.Engine.Guides;

public sealed record Guide(string Id, string Title, IReadOnlyList<Paragraph> Paragraphs)
{
    // The constructor sets the field directly; `with { Paragraphs = ... }` goes through init and counts again.
    public IReadOnlyList<Paragraph> Paragraphs
    {
        get;
        init
        {
            field = value;
            TotalCharacters = CharactersIn(value);
        }
    } = Paragraphs;

    /// <summary>Code points in all paragraphs, as the "characters in the guide" figure shows them.</summary>
    public int TotalCharacters { get; private init; } = CharactersIn(Paragraphs);

    private static int CharactersIn(IReadOnlyList<Paragraph> paragraphs) => paragraphs.Sum(paragraph => paragraph.Length);
}
