using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace TypingRace.Grains.Tests.Upgrades;

/// <summary>
/// What one version left in Redis, as a readable file: every key but cluster membership (which belongs to the silos
/// that wrote it, not to the data), with its type, value and time to live. <see cref="Load"/> puts it back into an
/// empty Redis, so a later version can be started on exactly what an earlier one stored.
/// </summary>
internal static partial class StoredStateFixture
{
    public const string DumpFile = "redis.json";

    public const string ExpectedFile = "expected.json";

    public const string GuidesFolder = "guides";

    /// <summary>The dump's own shape; a reader refuses a shape it does not know rather than misread it.</summary>
    private const int DumpFormat = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task Dump(IConnectionMultiplexer redis, string path)
    {
        var db = redis.GetDatabase();
        var server = redis.GetServers().Single();
        var keys = new List<StoredKey>();
        await foreach (var key in server.KeysAsync(db.Database, "*"))
        {
            var name = (string)key!;
            if (MembershipKey().IsMatch(name))
            {
                continue;
            }

            keys.Add(await Read(db, key, name));
        }

        var dump = new StoredDump(DumpFormat, [.. keys.OrderBy(k => k.Key, StringComparer.Ordinal)]);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(dump, Json) + "\n");
    }

    /// <summary>Writes the dump into <paramref name="redis"/>, which must be empty: the test starts from that state alone.</summary>
    public static async Task Load(string path, IConnectionMultiplexer redis)
    {
        var dump = JsonSerializer.Deserialize<StoredDump>(await File.ReadAllTextAsync(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (dump.Format != DumpFormat)
        {
            throw new InvalidDataException($"{path} is dump format {dump.Format}; this reader knows {DumpFormat}.");
        }

        if (dump.Keys.Length == 0)
        {
            throw new InvalidDataException($"{path} holds no keys: nothing would be tested.");
        }

        var db = redis.GetDatabase();
        var server = redis.GetServers().Single();
        if (await server.DatabaseSizeAsync(db.Database) != 0)
        {
            throw new InvalidOperationException("The fixture goes into an empty Redis only.");
        }

        foreach (var stored in dump.Keys)
        {
            await Write(db, stored);
        }
    }

    public static async Task WriteExpected(ExpectedState expected, string path) =>
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(expected, Json) + "\n");

    public static async Task<ExpectedState> ReadExpected(string path) =>
        JsonSerializer.Deserialize<ExpectedState>(await File.ReadAllTextAsync(path), Json)
        ?? throw new InvalidDataException($"{path} is empty.");

    private static async Task<StoredKey> Read(IDatabase db, RedisKey key, string name)
    {
        var type = await db.KeyTypeAsync(key);
        var ttl = await db.KeyTimeToLiveAsync(key);
        var stored = new StoredKey(name, type.ToString().ToLowerInvariant()) { TtlMs = ttl is { } left ? (long)left.TotalMilliseconds : null };
        return type switch
        {
            RedisType.String => stored with { Value = Blob.Of((byte[])(await db.StringGetAsync(key))!) },
            RedisType.Hash => stored with
            {
                Fields = [.. (await db.HashGetAllAsync(key)).OrderBy(e => (string)e.Name!, StringComparer.Ordinal).Select(e => new StoredField(Blob.Of(e.Name), Blob.Of(e.Value)))],
            },
            RedisType.SortedSet => stored with
            {
                Members = [.. (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => new StoredMember(Blob.Of(e.Element), e.Score))],
            },
            RedisType.List => stored with { Items = [.. (await db.ListRangeAsync(key)).Select(Blob.Of)] },
            RedisType.Set => stored with { Items = [.. (await db.SetMembersAsync(key)).Select(Blob.Of).OrderBy(b => b.Text ?? b.Base64, StringComparer.Ordinal)] },

            // A kind of key nobody taught the fixture: leaving it out would test less than the version stored.
            _ => throw new NotSupportedException($"Key '{name}' is a Redis {type}; StoredStateFixture does not dump those yet."),
        };
    }

    private static async Task Write(IDatabase db, StoredKey stored)
    {
        var key = (RedisKey)stored.Key;
        switch (stored.Type)
        {
            case "string":
                await db.StringSetAsync(key, Need(stored.Value, stored).Bytes());
                break;
            case "hash":
                await db.HashSetAsync(key, [.. Need(stored.Fields, stored).Select(f => new HashEntry(f.Name.Bytes(), f.Value.Bytes()))]);
                break;
            case "sortedset":
                await db.SortedSetAddAsync(key, [.. Need(stored.Members, stored).Select(m => new SortedSetEntry(m.Member.Bytes(), m.Score))]);
                break;
            case "list":
                await db.ListRightPushAsync(key, [.. Need(stored.Items, stored).Select(i => (RedisValue)i.Bytes())]);
                break;
            case "set":
                await db.SetAddAsync(key, [.. Need(stored.Items, stored).Select(i => (RedisValue)i.Bytes())]);
                break;
            default:
                throw new InvalidDataException($"Key '{stored.Key}' has the unknown type '{stored.Type}'.");
        }

        // Time to live as it stood when the dump was taken, so the upgraded cluster starts at that same moment's
        // view: a daily board or a key log is still there, however long ago the fixture was written.
        if (stored.TtlMs is { } ttl)
        {
            await db.KeyExpireAsync(key, TimeSpan.FromMilliseconds(ttl));
        }
    }

    private static T Need<T>(T? value, StoredKey stored)
        where T : class =>
        value ?? throw new InvalidDataException($"Key '{stored.Key}' of type {stored.Type} has no value.");

    /// <summary>Orleans' Redis clustering keeps a cluster's silos under <c>{ServiceId}/members/{ClusterId}</c>.</summary>
    [GeneratedRegex("^[^/]+/members/[^/]+$")]
    private static partial Regex MembershipKey();
}

internal sealed record StoredDump(int Format, StoredKey[] Keys);

/// <summary>One key; which of the value properties is set follows <see cref="Type"/>.</summary>
/// <param name="Type">As Redis TYPE names it, lower case: string, hash, sortedset, list, set.</param>
internal sealed record StoredKey(string Key, string Type)
{
    /// <summary>What was left of the key's time to live at the dump; null for a key that never expires.</summary>
    public long? TtlMs { get; init; }

    public Blob? Value { get; init; }

    public StoredField[]? Fields { get; init; }

    public StoredMember[]? Members { get; init; }

    public Blob[]? Items { get; init; }
}

internal sealed record StoredField(Blob Name, Blob Value);

internal sealed record StoredMember(Blob Member, double Score);

/// <summary>Bytes, kept as text when they are printable UTF-8 (so a reviewer can read the stored JSON), else base64.</summary>
internal sealed record Blob(string? Text = null, string? Base64 = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Blob Of(RedisValue value) => Of((byte[])value!);

    public static Blob Of(byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return new Blob(Text: text);
            }
        }
        catch (DecoderFallbackException)
        {
            // Not text: base64 below.
        }

        return new Blob(Base64: Convert.ToBase64String(bytes));
    }

    public byte[] Bytes() =>
        Text is not null ? StrictUtf8.GetBytes(Text)
        : Base64 is not null ? Convert.FromBase64String(Base64)
        : throw new InvalidDataException("A stored value has neither text nor base64.");
}
