namespace TypingRace.Engine.Typing;

/// <summary>
/// How one paragraph of a passage went: when the cursor left it, and the keys typed while it was in it. A marathon
/// step is a passage of several paragraphs; these are its per-paragraph split times and accuracy.
/// </summary>
/// <param name="ParagraphIndex">The paragraph's index in its guide.</param>
/// <param name="SplitMs">Server time from the race start to the paragraph's last code point; null while unfinished.</param>
/// <param name="CharacterKeystrokes">Correct and wrong code points typed with the cursor in the paragraph.</param>
/// <param name="CorrectKeystrokes">The correct ones among them.</param>
public sealed record ParagraphSplit(int ParagraphIndex, int? SplitMs, int CharacterKeystrokes, int CorrectKeystrokes)
{
    /// <summary>As <see cref="TypingSession.Accuracy"/>, for this paragraph's keys alone; 0 before its first one.</summary>
    public double Accuracy => CharacterKeystrokes == 0 ? 0 : (double)CorrectKeystrokes / CharacterKeystrokes;
}
