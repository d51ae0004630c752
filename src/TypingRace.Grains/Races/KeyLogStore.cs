using System.Collections.Concurrent;
using StackExchange.Redis;

namespace TypingRace.Grains.Races;

/// <summary>
/// Where racers' key logs are kept: one append-only byte string per racer and race, in
/// <see cref="Engine.Races.KeyLogCodec"/>'s chunks. Appending writes only the new keys, never the whole log.
/// </summary>
public interface IKeyLogStore
{
    Task Append(string raceId, string playerId, byte[] chunk, CancellationToken cancellationToken);

    /// <summary>Each racer's stored bytes; a racer with nothing stored is missing from the answer.</summary>
    Task<IReadOnlyDictionary<string, byte[]>> Read(string raceId, IEnumerable<string> playerIds, CancellationToken cancellationToken);

    /// <summary>Where this store keeps a race's logs, as the race's record names it.</summary>
    string LogName(string raceId);
}

/// <summary>
/// The single-process default: logs live as long as the process. Every silo of the process shares them (a test
/// cluster runs several in one), so a race's logs are found whichever silo asks, as memory grain storage is.
/// </summary>
public sealed class InMemoryKeyLogStore : IKeyLogStore
{
    private static readonly ConcurrentDictionary<(string Race, string Player), List<byte>> _logs = new();

    public Task Append(string raceId, string playerId, byte[] chunk, CancellationToken cancellationToken)
    {
        var log = _logs.GetOrAdd((raceId, playerId), _ => []);
        lock (log)
        {
            log.AddRange(chunk);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, byte[]>> Read(string raceId, IEnumerable<string> playerIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>();
        foreach (var playerId in playerIds)
        {
            if (_logs.TryGetValue((raceId, playerId), out var log))
            {
                lock (log)
                {
                    found[playerId] = [.. log];
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, byte[]>>(found);
    }

    public string LogName(string raceId) => $"memory:keys:{raceId}";
}

/// <summary>
/// Key logs in Redis: <c>APPEND typingrace:keys:{raceId}:{playerId}</c>, kept for <see cref="Retention"/> after the
/// last append.
/// </summary>
public sealed class RedisKeyLogStore(IConnectionMultiplexer redis) : IKeyLogStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public async Task Append(string raceId, string playerId, byte[] chunk, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var key = Key(raceId, playerId);
        var append = db.StringAppendAsync(key, chunk);
        var expire = db.KeyExpireAsync(key, Retention);
        await Task.WhenAll(append, expire).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, byte[]>> Read(string raceId, IEnumerable<string> playerIds, CancellationToken cancellationToken)
    {
        var ids = playerIds.ToArray();
        var values = await redis.GetDatabase().StringGetAsync([.. ids.Select(id => Key(raceId, id))]).WaitAsync(cancellationToken);
        var found = new Dictionary<string, byte[]>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].HasValue)
            {
                found[ids[i]] = (byte[])values[i]!;
            }
        }

        return found;
    }

    /// <summary>A race's logs are the keys that start with this, one per racer.</summary>
    public string LogName(string raceId) => $"typingrace:keys:{raceId}";

    private RedisKey Key(string raceId, string playerId) => $"{LogName(raceId)}:{playerId}";
}
