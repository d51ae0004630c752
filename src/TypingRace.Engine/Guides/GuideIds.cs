using System.Security.Cryptography;

namespace TypingRace.Engine.Guides;

/// <summary>
/// Guides we ship are named after their files; guides players import get an id of their own kind, so anyone can
/// tell them apart: an imported guide's results never enter the global boards.
/// </summary>
public static class GuideIds
{
    public const string ImportedPrefix = "u-";

    /// <summary>A new imported guide's id: the prefix and 64 random bits, unguessable enough to share as a link.</summary>
    public static string NewImported() => ImportedPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsImported(string guideId) => guideId.StartsWith(ImportedPrefix, StringComparison.Ordinal);
}
