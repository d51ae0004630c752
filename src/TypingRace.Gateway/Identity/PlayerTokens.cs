using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace TypingRace.Gateway.Identity;

/// <summary>
/// A player token is "{playerId}.{secret}". The server keeps only the SHA-256 of the secret, so a leaked
/// store does not let anyone act as a player.
/// </summary>
public static class PlayerTokens
{
    public const string SecretHashClaim = "typingrace:secret-hash";

    public static (string PlayerId, string Secret, string Token) Issue()
    {
        var playerId = Guid.NewGuid().ToString("N");
        var secret = NewSecret();
        return (playerId, secret, Token(playerId, secret));
    }

    public static string Token(string playerId, string secret) => $"{playerId}.{secret}";

    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool TryParse(string? token, [NotNullWhen(true)] out string? playerId, [NotNullWhen(true)] out string? secret)
    {
        playerId = secret = null;
        var dot = token?.IndexOf('.') ?? -1;
        if (dot != 32 || token!.Length > 128)
        {
            return false;
        }

        var id = token[..dot];
        if (!id.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        playerId = id;
        secret = token[(dot + 1)..];
        return secret.Length > 0;
    }
}
