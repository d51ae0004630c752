namespace TypingRace.Engine.Guides;

public enum ParagraphKind
{
    Prose,
    ListItem,
    TableRow,
    Code,
}
