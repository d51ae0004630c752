using System.Security.Cryptography;
using System.Text;

namespace TypingRace.Engine.Guides;

/// <summary>
/// Hands out paragraph ids in reading order, the same way for every parser and for edits: the guide id and the
/// first hex digits of the SHA-256 of the text, then "-2", "-3" on the text's later occurrences.
/// </summary>
internal sealed class ParagraphIds(string guideId)
{
    private const int HashHexDigits = 12;

    private readonly Dictionary<string, int> timesSeen = [];

    public string Next(string text)
    {
        var id = $"{guideId}:{HashOf(text)}";
        var seen = timesSeen.GetValueOrDefault(id) + 1;
        timesSeen[id] = seen;
        return seen == 1 ? id : $"{id}-{seen}";
    }

    /// <summary>The stable part of a paragraph id: an edited text hashes differently, so it is a new paragraph.</summary>
    private static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashHexDigits];
}
