namespace TypingRace.Engine.Guides;

/// <summary>One typeable unit of a guide. <see cref="Index"/> counts typeable paragraphs only, from 0.</summary>
/// <param name="Section">Text of the nearest heading above the paragraph; "" before the first heading.</param>
public sealed record Paragraph(string Id, int Index, ParagraphKind Kind, string Section, string Text)
{
    // The constructor sets the field directly; `with { Text = ... }` goes through init and measures again.
    public string Text
    {
        get;
        init
        {
            field = value;
            Length = TypeableText.CodePointCount(value);
        }
    } = Text;

    /// <summary>Code points in <see cref="Text"/>.</summary>
    public int Length { get; private init; } = TypeableText.CodePointCount(Text);
}
