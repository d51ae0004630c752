namespace TypingRace.Engine.Guides;

public enum GuideFormat
{
    /// <summary>Read by <see cref="GuideParser"/>.</summary>
    Markdown,

    /// <summary>Plain text, as copied from a web page or a PDF; read by <see cref="PlainTextGuideParser"/>.</summary>
    Text,
}
