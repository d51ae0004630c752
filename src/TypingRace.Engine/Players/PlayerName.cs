using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace TypingRace.Engine.Players;

/// <summary>The one rule for display names, used at registration and on rename.</summary>
public static class PlayerName
{
    public const int MaxLength = 24;

    /// <summary>Trims and NFC-normalises <paramref name="raw"/>; explains the problem when it cannot be a name.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? problem)
    {
        name = null;
        var trimmed = (raw ?? string.Empty).Trim().Normalize(NormalizationForm.FormC);
        if (trimmed.Length == 0)
        {
            problem = "A name must not be empty.";
            return false;
        }

        var length = 0;
        foreach (var rune in trimmed.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format)
            {
                problem = "A name must not contain control characters.";
                return false;
            }

            length++;
        }

        if (length > MaxLength)
        {
            problem = $"A name may have at most {MaxLength} characters; this one has {length}.";
            return false;
        }

        name = trimmed;
        problem = null;
        return true;
    }

    /// <summary>The short tag shown after a name so two players of the same name are told apart.</summary>
    public static string TagOf(string playerId) => playerId.Length <= 4 ? playerId : playerId[..4];
}
