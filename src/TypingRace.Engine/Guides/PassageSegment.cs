namespace TypingRace.Engine.Guides;

/// <summary>
/// The code points of <see cref="Passage.Text"/> that came from one paragraph; the joiner after it
/// (a space or newline) is included, so segments tile the passage.
/// </summary>
/// <param name="ParagraphIndex">The paragraph's index in its guide.</param>
public sealed record PassageSegment(int Start, int Length, ParagraphKind Kind, int ParagraphIndex);
