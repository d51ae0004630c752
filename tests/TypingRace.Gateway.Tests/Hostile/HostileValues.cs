using System.Text;
using System.Text.Json.Nodes;
using TypingRace.Engine.Rooms;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Hostile values from one seeded <see cref="Random"/>: strings with nothing, too much, control characters or lone
/// surrogates in them, numbers at and past every edge, JSON of the wrong shape, and room codes and player ids of
/// other people. Sizes stay under the hub's 256 KB message limit, so a value is refused with a code rather than
/// closing the connection (docs/protocol.md, "A key batch").
/// </summary>
public sealed class HostileValues(int seed)
{
    /// <summary>Big enough to be absurd, small enough that five of them escaped still fit a hub message.</summary>
    public const int HugeLength = 30_000;

    public Random Random { get; } = new(seed);

    /// <summary>Codes and ids the attack aims at: the bystanders' room and players, the attacker's own, strangers'.</summary>
    public List<string> Codes { get; } = [];

    public List<string> PlayerIds { get; } = [];

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public bool Chance(double probability) => Random.NextDouble() < probability;

    public string String() => Random.Next(14) switch
    {
        0 => "",
        1 => " \t\r\n",
        2 => new string((char)('a' + Random.Next(26)), Random.Next(1_000, HugeLength)),
        3 => "\uD800",
        4 => "a\uDC00b\uD83D",
        5 => ControlCharacters(),
        6 => "../../etc/passwd",
        7 => "<script>alert(1)</script>",
        8 => "'; DROP TABLE rooms; --",
        9 => "%00%2e%2e%2f",
        10 => "\u202Eevil\u200B\uFEFF",
        11 => "🏁🏁🏁" + Pick((string[])["", "\u0301", "\uFE0F"]),
        _ => Code(),
    };

    /// <summary>A room-code-like string: real codes, cased and padded ones, and codes that cannot be.</summary>
    public string Code() => Random.Next(8) switch
    {
        0 or 1 or 2 when Codes.Count > 0 => Pick(Codes),
        3 when Codes.Count > 0 => $"  {Pick(Codes).ToLowerInvariant()}\n",
        4 => RoomCode.NewCode(),
        5 => new string('Z', Random.Next(0, 12)),
        6 => "0O1IL5",
        _ => "ZZZZ2" + (char)Random.Next(0, 0x3000),
    };

    public string PlayerId() => Random.Next(4) switch
    {
        0 or 1 when PlayerIds.Count > 0 => Pick(PlayerIds),
        2 => Guid.NewGuid().ToString("N"),
        _ => String(),
    };

    /// <summary>Numbers the JSON writer can put on the wire; NaN and the infinities go as the strings "NaN" and "Infinity".</summary>
    public double Number() => Random.Next(12) switch
    {
        0 => 0,
        1 => -1,
        2 => int.MaxValue,
        3 => int.MinValue,
        4 => long.MaxValue,
        5 => 1e308,
        6 => -1e308,
        7 => double.Epsilon,
        8 => 72.5,
        9 => double.NaN,
        10 => double.PositiveInfinity,
        _ => Random.Next(-1_000, 1_000),
    };

    /// <summary>Any JSON at all, to <paramref name="depth"/> levels of nesting.</summary>
    public JsonNode? Json(int depth = 3) => Random.Next(depth <= 0 ? 5 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(0.5)),
        2 => Finite(Number()),
        3 or 4 => JsonValue.Create(String()),
        5 => new JsonArray([.. Enumerable.Range(0, Random.Next(0, 4)).Select(_ => Json(depth - 1))]),
        6 => Chance(0.1) ? HugeArray() : new JsonArray([.. Enumerable.Range(0, Random.Next(0, 4)).Select(_ => Json(depth - 1))]),
        _ => Object(depth),
    };

    public JsonObject Object(int depth = 2)
    {
        var obj = new JsonObject();
        foreach (var name in Enumerable.Range(0, Random.Next(0, 4)).Select(_ => Pick((string[])["name", "code", "seq", "keys", "k", "t", "length", "guideId", "paragraphIndex", "kind", "__proto__", "constructor", ""])).Distinct())
        {
            obj[name] = Json(depth - 1);
        }

        return obj;
    }

    /// <summary>
    /// A key batch gone wrong in one or more ways: seq replayed, skipped, zero, negative or huge; keys null, empty,
    /// too many or too long, of the wrong type; times negative or not numbers; fields missing or extra.
    /// </summary>
    public JsonNode? Batch(long nextSeq)
    {
        if (Chance(0.05))
        {
            return Json();
        }

        var batch = new JsonObject
        {
            ["seq"] = Random.Next(9) switch
            {
                0 => 0,
                1 => -Random.Next(1, 100),
                2 => long.MaxValue,
                3 => JsonValue.Create("1"),
                4 => null,
                5 => nextSeq + Random.Next(2, 50),
                6 => Math.Max(1, nextSeq - Random.Next(1, 5)),
                _ => nextSeq,
            },
            ["keys"] = Random.Next(8) switch
            {
                0 => null,
                1 => new JsonArray(),
                2 => new JsonArray([.. Enumerable.Range(0, Random.Next(51, 300)).Select(i => Key(i))]),
                3 => JsonValue.Create("abc"),
                4 or 5 => new JsonArray([.. Enumerable.Range(0, Random.Next(1, 20)).Select(i => Key(i))]),
                _ => new JsonArray([.. Enumerable.Range(0, Random.Next(1, 20)).Select(i => Letter(i))]),
            },
        };
        if (Chance(0.2))
        {
            batch["resent"] = Json(0);
        }

        if (Chance(0.1))
        {
            batch["extra"] = Json();
        }

        return batch;
    }

    private JsonNode Key(int i) => Random.Next(12) switch
    {
        0 => new JsonObject { ["k"] = null, ["t"] = i },
        1 => new JsonObject { ["k"] = "", ["t"] = i },
        2 => new JsonObject { ["k"] = new string('x', Random.Next(13, 400)), ["t"] = i },
        3 => new JsonObject { ["k"] = "a", ["t"] = -Random.Next(1, 1_000) },
        4 => new JsonObject { ["k"] = "a", ["t"] = JsonValue.Create("soon") },
        5 => new JsonObject { ["k"] = 5, ["t"] = i },
        6 => new JsonObject { ["k"] = "\uD800", ["t"] = i },
        7 => new JsonObject { ["k"] = ControlCharacters(), ["t"] = long.MaxValue },
        8 => new JsonObject { ["t"] = i },
        _ => Letter(i),
    };

    /// <summary>A key a person could press, so that a batch of them gets as far as the seq and the race.</summary>
    private JsonObject Letter(int i) => new() { ["k"] = ((char)('a' + Random.Next(26))).ToString(), ["t"] = i * 90 };

    private string ControlCharacters()
    {
        var text = new StringBuilder();
        for (var i = Random.Next(1, 200); i > 0; i--)
        {
            text.Append((char)Pick((int[])[0, 1, 7, 8, 9, 10, 13, 27, 127, 0x85, 0x2028, 0x2029]));
        }

        return text.ToString();
    }

    private JsonArray HugeArray() => new([.. Enumerable.Range(0, Random.Next(1_000, 10_000)).Select(_ => (JsonNode?)JsonValue.Create(0))]);

    /// <summary>A JSON number when finite; NaN and the infinities as the strings a lenient writer would send.</summary>
    private static JsonNode Finite(double number) =>
        double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
