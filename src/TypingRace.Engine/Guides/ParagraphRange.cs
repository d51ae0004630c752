namespace TypingRace.Engine.Guides;

/// <summary>Whether a paragraph index names a paragraph of a guide, and the one way to say it does not.</summary>
public static class ParagraphRange
{
    /// <summary>
    /// Null when the index is in range. The API counts paragraphs from 0, so the message does too: a client that
    /// sends the number it read in the message gets what it meant.
    /// </summary>
    public static string? Refusal(string guideId, int paragraphCount, int index) =>
        index >= 0 && index < paragraphCount
            ? null
            : $"The guide '{guideId}' has paragraphs 0 to {paragraphCount - 1} (paragraphIndex counts from 0); {index} is not one of them.";
}
