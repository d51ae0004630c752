using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using TypingRace.Engine.Leaderboards;

namespace TypingRace.Leaderboards;

/// <summary>
/// Leaderboards in Redis sorted sets, one per board, scored by <see cref="CompositeScore"/>. Every call is one round
/// trip: recording runs one Lua script, reads run one script or one MULTI. Record calls made at the same time are
/// written together, in one script call (<see cref="WriteBatcher{TItem, TOutcome}"/>): up to
/// <see cref="DefaultWriteBatch"/> results a call, <see cref="DefaultWriteLanes"/> calls in flight.
/// </summary>
public sealed class RedisLeaderboardStore : ILeaderboardStore
{
    public const int DefaultWriteBatch = 128;
    public const int DefaultWriteLanes = 2;

    // Writes a batch of results (RecordBatchPlan): each result's own keys, then each board once, then every rank.
    // KEYS: names, then per result: marker, history, totals, guide bests, passage bests; then one per board.
    // ARGV: result count, history length, marker ttl, board count;
    //       per result: player id, name ('' = leave it), history entry, wpm hundredths, accuracy basis points,
    //                   best score ('' when the result can't be a best), guide id, passage id;
    //       per board: expire-at (0 = never), entry count, then per entry: score, player id.
    // Reply: per result: fresh, new guide best, new passage best; then per board entry, in order: its 0-based rank.
    // The marker makes history and totals idempotent by result id. Boards and bests need no marker: ZADD GT with the
    // same score again changes nothing, and CH then reports 0, so a replay is never announced as a new best.
    // One ZADD carries every entry a board gets. A board's expiry depends only on its period, so it is set when a
    // player first enters the board (and with them, the key), not on every write. A board's ranks are read right after
    // its ZADD, while it is in the CPU's cache: they depend on that board alone, so they already count every result
    // written together.
    private const string RecordScript = """
        local results, historyLength, ttl, boards = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
        local reply, names = {}, {}
        local a = 5
        for r = 0, results - 1 do
          local k = 2 + r * 5
          if ARGV[a + 1] ~= '' then
            names[#names + 1] = ARGV[a]
            names[#names + 1] = ARGV[a + 1]
          end
          local fresh = redis.call('SET', KEYS[k], '1', 'NX', 'EX', ttl)
          if fresh then
            redis.call('LPUSH', KEYS[k + 1], ARGV[a + 2])
            redis.call('LTRIM', KEYS[k + 1], 0, historyLength - 1)
            redis.call('HINCRBY', KEYS[k + 2], 'races', 1)
            redis.call('HINCRBY', KEYS[k + 2], 'wpm', ARGV[a + 3])
            redis.call('HINCRBY', KEYS[k + 2], 'accuracy', ARGV[a + 4])
          end
          local guideBest, passageBest = 0, 0
          if ARGV[a + 5] ~= '' then
            guideBest = redis.call('ZADD', KEYS[k + 3], 'GT', 'CH', ARGV[a + 5], ARGV[a + 6])
            passageBest = redis.call('ZADD', KEYS[k + 4], 'GT', 'CH', ARGV[a + 5], ARGV[a + 7])
          end
          reply[#reply + 1] = fresh and 1 or 0
          reply[#reply + 1] = guideBest
          reply[#reply + 1] = passageBest
          a = a + 8
        end
        if #names > 0 then redis.call('HSET', KEYS[1], unpack(names)) end
        for b = 1, boards do
          local key, entries = KEYS[1 + results * 5 + b], tonumber(ARGV[a + 1])
          local added
          if entries == 1 then
            added = redis.call('ZADD', key, 'GT', ARGV[a + 2], ARGV[a + 3])
          else
            local zadd = { 'ZADD', key, 'GT' }
            for i = a + 2, a + 1 + entries * 2 do zadd[#zadd + 1] = ARGV[i] end
            added = redis.call(unpack(zadd))
          end
          if added > 0 and ARGV[a] ~= '0' then redis.call('EXPIREAT', key, ARGV[a]) end
          for i = a + 3, a + 1 + entries * 2, 2 do reply[#reply + 1] = redis.call('ZREVRANK', key, ARGV[i]) end
          a = a + 2 + entries * 2
        end
        return reply
        """;

    // KEYS: board, names. ARGV: count. Names are looked up in the same call so Top stays one round trip.
    private const string TopScript = """
        local entries = redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
        local ids = {}
        for i = 1, #entries, 2 do ids[#ids + 1] = entries[i] end
        if #ids == 0 then return { entries, {} } end
        return { entries, redis.call('HMGET', KEYS[2], unpack(ids)) }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IConnectionMultiplexer redis;
    private readonly LeaderboardRules rules;
    private readonly BoardKeys keys;
    private readonly TimeProvider time;
    private readonly WriteBatcher<RecordPlan, RecordOutcome> batcher;

    /// <param name="writeBatch">Results one script call writes at most.</param>
    /// <param name="writeLanes">Script calls in flight at once; more calls wait and go together in the next.</param>
    public RedisLeaderboardStore(
        IConnectionMultiplexer redis,
        LeaderboardRules? rules = null,
        BoardKeys? keys = null,
        TimeProvider? time = null,
        int writeBatch = DefaultWriteBatch,
        int writeLanes = DefaultWriteLanes)
    {
        this.redis = redis;
        this.rules = rules ?? LeaderboardRules.Default;
        this.keys = keys ?? new BoardKeys();
        this.time = time ?? TimeProvider.System;
        batcher = new WriteBatcher<RecordPlan, RecordOutcome>(Write, writeBatch, writeLanes);
    }

    private IDatabase Db => redis.GetDatabase();

    public Task<RecordOutcome> Record(ResultToRecord result, CancellationToken ct) =>
        // Planned here, so an invalid result fails its own call and never the batch it would have joined.
        batcher.Write(RecordPlan.Of(result, rules, keys), ct);

    public Task<IReadOnlyList<RecordOutcome>> Record(IReadOnlyList<ResultToRecord> results, CancellationToken ct) =>
        Write([.. results.Select(r => RecordPlan.Of(r, rules, keys))], ct);

    private async Task<IReadOnlyList<RecordOutcome>> Write(IReadOnlyList<RecordPlan> results, CancellationToken ct)
    {
        if (results.Count == 0)
        {
            return [];
        }

        var batch = RecordBatchPlan.Of(results);
        var scriptKeys = new List<RedisKey>(1 + (results.Count * 5) + batch.Boards.Count) { keys.Names };
        var args = new List<RedisValue>(4 + (results.Count * 8) + (batch.Boards.Count * 2) + (batch.Entries * 2))
        {
            results.Count,
            LeaderboardLimits.HistoryLength,
            (long)LeaderboardLimits.ResultMemory.TotalSeconds,
            batch.Boards.Count,
        };
        foreach (var plan in results)
        {
            var result = plan.Result;
            scriptKeys.Add(keys.ResultMarker(result.ResultId));
            scriptKeys.Add(keys.History(result.PlayerId));
            scriptKeys.Add(keys.Totals(result.PlayerId));
            scriptKeys.Add(keys.GuideBests(result.PlayerId));
            scriptKeys.Add(keys.PassageBests(result.PlayerId));
            args.Add(result.PlayerId);
            args.Add(plan.PlayerName ?? RedisValue.EmptyString);
            args.Add(JsonSerializer.Serialize(result, Json));
            args.Add(plan.WpmHundredths);
            args.Add(plan.AccuracyBasisPoints);
            args.Add(plan.BestScore is { } best ? (long)best : RedisValue.EmptyString);
            args.Add(result.GuideId);
            args.Add(plan.PassageId);
        }

        foreach (var board in batch.Boards)
        {
            scriptKeys.Add(board.Board.Key);
            args.Add(board.Board.ExpiresAt?.ToUnixTimeSeconds() ?? 0);
            args.Add(board.Entries.Count);
            foreach (var entry in board.Entries)
            {
                args.Add((long)entry.Score);
                args.Add(entry.PlayerId);
            }
        }

        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(RecordScript, [.. scriptKeys], [.. args]).WaitAsync(ct))!;
        var players = new PlayerOutcome[results.Count];
        for (var r = 0; r < players.Length; r++)
        {
            players[r] = new PlayerOutcome((long)reply[3 * r] == 1, (long)reply[(3 * r) + 1] == 1, (long)reply[(3 * r) + 2] == 1);
        }

        var ranks = new long[batch.Entries];
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = (long)reply[(3 * results.Count) + i];
        }

        return batch.Outcomes(players, ranks);
    }

    public async Task<IReadOnlyList<LeaderboardEntry>> Top(BoardQuery query, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, LeaderboardLimits.MaxTop);
        var board = keys.For(query, time.GetUtcNow());

        var reply = await Db.ScriptEvaluateAsync(TopScript, [board.Key, keys.Names], [count]).WaitAsync(ct);
        var entries = (RedisResult[])reply[0]!;
        var names = (RedisResult[])reply[1]!;
        var top = new List<LeaderboardEntry>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            // Lua hands scores back as strings; below 2^53 they are printed as exact integers.
            var score = double.Parse((string)entries[(2 * i) + 1]!, CultureInfo.InvariantCulture);
            top.Add(LeaderboardEntry.From(board.Ranking, i + 1, (string)entries[2 * i]!, (string?)names[i], score));
        }

        return top;
    }

    public async Task<LeaderboardEntry?> RankOf(BoardQuery query, string playerId, CancellationToken ct)
    {
        var board = keys.For(query, time.GetUtcNow());

        // MULTI so rank and score come from the same moment, still in one round trip.
        var transaction = Db.CreateTransaction();
        var rank = transaction.SortedSetRankAsync(board.Key, playerId, Order.Descending);
        var score = transaction.SortedSetScoreAsync(board.Key, playerId);
        var name = transaction.HashGetAsync(keys.Names, playerId);
        await transaction.ExecuteAsync().WaitAsync(ct);

        return await rank is { } r && await score is { } s
            ? LeaderboardEntry.From(board.Ranking, r + 1, playerId, await name, s)
            : null;
    }

    public Task SetPlayerName(string playerId, string name, CancellationToken ct) =>
        Db.HashSetAsync(keys.Names, playerId, name).WaitAsync(ct);

    public async Task<PlayerStats> Stats(string playerId, CancellationToken ct)
    {
        var transaction = Db.CreateTransaction();
        var history = transaction.ListRangeAsync(keys.History(playerId), 0, LeaderboardLimits.HistoryLength - 1);
        var totals = transaction.HashGetAllAsync(keys.Totals(playerId));
        var guideBests = transaction.SortedSetRangeByRankWithScoresAsync(keys.GuideBests(playerId));
        var passageBests = transaction.SortedSetRangeByRankWithScoresAsync(keys.PassageBests(playerId));
        await transaction.ExecuteAsync().WaitAsync(ct);

        var sums = (await totals).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        return StatsBuilder.Build(
            [.. (await history).Select(entry => JsonSerializer.Deserialize<FinishedResult>((string)entry!, Json)!)],
            sums.GetValueOrDefault("races"),
            sums.GetValueOrDefault("wpm"),
            sums.GetValueOrDefault("accuracy"),
            (await guideBests).Select(e => ((string)e.Element!, e.Score)),
            (await passageBests).Select(e => ((string)e.Element!, e.Score)));
    }
}
