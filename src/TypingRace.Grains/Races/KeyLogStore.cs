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

    /// <summary>
    /// Keeps a racer's log for good (<paramref name="keep"/>: a player's best run of a passage, which "race your best"
    /// plays), or lets it expire with the others again once it is no longer the best.
    /// </summary>
    Task Keep(string raceId, string playerId, bool keep, CancellationToken cancellationToken);
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

    /// <summary>Nothing expires here.</summary>
    public Task Keep(string raceId, string playerId, bool keep, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Key logs in Redis: <c>APPEND typingrace:keys:{raceId}:{playerId}</c>, kept for <see cref="Retention"/> after the
/// last append, or for good while <c>typingrace:keys-kept:{raceId}:{playerId}</c> says so.
/// </summary>
public sealed class RedisKeyLogStore(IConnectionMultiplexer redis) : IKeyLogStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    // One script, so a log's last keys, appended after it was kept, never give it an expiry back.
    private static readonly LuaScript AppendScript = LuaScript.Prepare(
        "redis.call('APPEND', @log, @chunk) " +
        "if redis.call('EXISTS', @kept) == 1 then redis.call('PERSIST', @log) else redis.call('PEXPIRE', @log, @retentionMs) end");

    public async Task Append(string raceId, string playerId, byte[] chunk, CancellationToken cancellationToken) =>
        await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, new
        {
            log = Key(raceId, playerId),
            kept = KeptKey(raceId, playerId),
            chunk,
            retentionMs = (long)Retention.TotalMilliseconds,
        }).WaitAsync(cancellationToken);

    public async Task Keep(string raceId, string playerId, bool keep, CancellationToken cancellationToken)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var (log, kept) = (Key(raceId, playerId), KeptKey(raceId, playerId));
        var marked = keep ? transaction.StringSetAsync(kept, 1) : transaction.KeyDeleteAsync(kept);
        var expiry = keep ? transaction.KeyPersistAsync(log) : transaction.KeyExpireAsync(log, Retention);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        await Task.WhenAll(marked, expiry);
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

    private static RedisKey KeptKey(string raceId, string playerId) => $"typingrace:keys-kept:{raceId}:{playerId}";
}
