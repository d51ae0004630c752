using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using TypingRace.Engine.Leaderboards;

namespace TypingRace.Leaderboards;

/// <summary>
/// Leaderboards in Redis sorted sets, one per board, scored by <see cref="CompositeScore"/>. Every call is one round
/// trip: recording runs one Lua script, reads run one script or one MULTI.
/// </summary>
public sealed class RedisLeaderboardStore(
    IConnectionMultiplexer redis,
    LeaderboardRules? rules = null,
    BoardKeys? keys = null,
    TimeProvider? time = null) : ILeaderboardStore
{
    // KEYS: marker, history, totals, guide bests, passage bests, then the boards.
    // ARGV: player id, history entry, history length, marker ttl, wpm hundredths, accuracy basis points,
    //       best score ('' when the result can't be a best), guide id, passage id, then per board: score, expire-at (0 = never).
    // The marker makes history and totals idempotent by result id. Boards and bests need no marker: ZADD GT with the
    // same score again changes nothing, and CH then reports 0, so a replay is never announced as a new best.
    // A board's expiry depends only on its period, so it is set when a player first enters the board (and with them,
    // the key), not on every write.
    private const string RecordScript = """
        local fresh = redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[4])
        if fresh then
          redis.call('LPUSH', KEYS[2], ARGV[2])
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
          redis.call('HINCRBY', KEYS[3], 'races', 1)
          redis.call('HINCRBY', KEYS[3], 'wpm', ARGV[5])
          redis.call('HINCRBY', KEYS[3], 'accuracy', ARGV[6])
        end
        local guideBest, passageBest = 0, 0
        if ARGV[7] ~= '' then
          guideBest = redis.call('ZADD', KEYS[4], 'GT', 'CH', ARGV[7], ARGV[8])
          passageBest = redis.call('ZADD', KEYS[5], 'GT', 'CH', ARGV[7], ARGV[9])
        end
        local ranks = {}
        for i = 6, #KEYS do
          local a = 10 + (i - 6) * 2
          local added = redis.call('ZADD', KEYS[i], 'GT', ARGV[a], ARGV[1])
          if added == 1 and ARGV[a + 1] ~= '0' then redis.call('EXPIREAT', KEYS[i], ARGV[a + 1]) end
          ranks[#ranks + 1] = redis.call('ZREVRANK', KEYS[i], ARGV[1])
        end
        return { fresh and 1 or 0, guideBest, passageBest, ranks }
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

    private readonly LeaderboardRules rules = rules ?? LeaderboardRules.Default;
    private readonly BoardKeys keys = keys ?? new BoardKeys();
    private readonly TimeProvider time = time ?? TimeProvider.System;

    private IDatabase Db => redis.GetDatabase();

    public async Task<RecordOutcome> Record(FinishedResult result, CancellationToken ct)
    {
        var plan = RecordPlan.Of(result, rules, keys);
        RedisKey[] scriptKeys =
        [
            keys.ResultMarker(result.ResultId),
            keys.History(result.PlayerId),
            keys.Totals(result.PlayerId),
            keys.GuideBests(result.PlayerId),
            keys.PassageBests(result.PlayerId),
            .. plan.Boards.Select(b => (RedisKey)b.Board.Key),
        ];
        RedisValue[] args =
        [
            result.PlayerId,
            JsonSerializer.Serialize(result, Json),
            LeaderboardLimits.HistoryLength,
            (long)LeaderboardLimits.ResultMemory.TotalSeconds,
            plan.WpmHundredths,
            plan.AccuracyBasisPoints,
            plan.BestScore is { } best ? (long)best : RedisValue.EmptyString,
            result.GuideId,
            plan.PassageId,
            .. plan.Boards.SelectMany(b => new RedisValue[] { (long)b.Score, b.Board.ExpiresAt?.ToUnixTimeSeconds() ?? 0 }),
        ];

        var reply = await Db.ScriptEvaluateAsync(RecordScript, scriptKeys, args).WaitAsync(ct);
        var ranks = (RedisResult[])reply[3]!;
        return new RecordOutcome(
            Duplicate: (long)reply[0] == 0,
            [.. plan.Boards.Select((b, i) => new BoardPlacement(b.Board, (long)ranks[i] + 1))],
            NewGuideBest: (long)reply[1] == 1,
            NewPassageBest: (long)reply[2] == 1);
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
