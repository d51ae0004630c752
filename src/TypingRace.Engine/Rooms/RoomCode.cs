using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace TypingRace.Engine.Rooms;

/// <summary>Short join codes that survive being read aloud: no 0/O or 1/I/L.</summary>
public static class RoomCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Upper-cases and checks a code typed by a person.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? code)
    {
        code = null;
        var candidate = (raw ?? string.Empty).Trim().ToUpperInvariant();
        if (candidate.Length != Length || !candidate.All(Alphabet.Contains))
        {
            return false;
        }

        code = candidate;
        return true;
    }
}
