using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace TypingRace.Engine.Bots;

/// <summary>
/// The wrong characters a hand plausibly hits instead of the right one: mostly a neighbouring key of a US QWERTY
/// keyboard, on the same shift level, so a slip looks like a slip and not like noise.
/// </summary>
internal static class NearbyKeys
{
    private const int HangulFirst = 0xAC00, HangulLast = 0xD7A3, HangulFinals = 28;

    // Each row with the left edge of its first key, in key widths: the stagger decides which keys touch across rows.
    private static readonly (double Offset, string Plain, string Shifted)[] Rows =
    [
        (0.0, "`1234567890-=", "~!@#$%^&*()_+"),
        (1.5, "qwertyuiop[]\\", "QWERTYUIOP{}|"),
        (1.75, "asdfghjkl;'", "ASDFGHJKL:\""),
        (2.25, "zxcvbnm,./", "ZXCVBNM<>?"),
    ];

    private static readonly FrozenDictionary<int, string[]> Neighbours = BuildNeighbours();

    // Hitting a letter of the bottom row instead of the space bar, or a key next to Enter or Tab.
    private static readonly string[] NearSpace = ["c", "v", "b", "n", "m"];
    private static readonly string[] NearEnter = ["'", "]", "\\"];
    private static readonly string[] NearTab = ["`", "q", "1"];

    private static readonly string[] Letters = [.. "asdfghjklqwertyuiopzxcvbnm".Select(c => c.ToString())];

    /// <summary>One code point that is never <paramref name="codePoint"/>, nor becomes it when the session normalizes keys.</summary>
    public static string WrongFor(int codePoint, Random random)
    {
        var candidates = Candidates(codePoint);
        return candidates[random.Next(candidates.Length)];
    }

    private static string[] Candidates(int codePoint) => codePoint switch
    {
        ' ' => NearSpace,
        '\n' => NearEnter,
        '\t' => NearTab,
        _ when Neighbours.TryGetValue(codePoint, out var neighbours) => neighbours,
        // Another final consonant of the same Hangul syllable: the slip an IME commit turns a wrong key into.
        >= HangulFirst and <= HangulLast => [NextFinalConsonant(codePoint)],
        _ => AccentDropped(codePoint) is { } plain ? [plain] : Letters.Where(letter => letter[0] != codePoint).ToArray(),
    };

    private static string NextFinalConsonant(int syllable)
    {
        var final = (syllable - HangulFirst) % HangulFinals;
        return char.ConvertFromUtf32(syllable - final + (final + 1) % HangulFinals);
    }

    /// <summary>"e" for "é": the accent forgotten. Null unless the letter is an ASCII letter with marks on it.</summary>
    private static string? AccentDropped(int codePoint)
    {
        var decomposed = char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormD);
        return decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0])
            && decomposed.Skip(1).All(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            ? decomposed[..1]
            : null;
    }

    private static FrozenDictionary<int, string[]> BuildNeighbours()
    {
        var neighbours = new Dictionary<int, string[]>();
        foreach (var shifted in new[] { false, true })
        {
            for (var row = 0; row < Rows.Length; row++)
            {
                var keys = shifted ? Rows[row].Shifted : Rows[row].Plain;
                for (var column = 0; column < keys.Length; column++)
                {
                    var x = Rows[row].Offset + column;
                    neighbours[keys[column]] = [.. KeysTouching(row, x, shifted)];
                }
            }
        }

        return neighbours.ToFrozenDictionary();
    }

    /// <summary>The keys beside the one at (row, x), and those above and below that overlap it.</summary>
    private static IEnumerable<string> KeysTouching(int row, double x, bool shifted)
    {
        for (var other = Math.Max(0, row - 1); other <= Math.Min(Rows.Length - 1, row + 1); other++)
        {
            var keys = shifted ? Rows[other].Shifted : Rows[other].Plain;
            for (var column = 0; column < keys.Length; column++)
            {
                var distance = Math.Abs(Rows[other].Offset + column - x);
                var touching = other == row ? distance == 1 : distance < 1;
                if (touching)
                {
                    yield return keys[column].ToString();
                }
            }
        }
    }
}
