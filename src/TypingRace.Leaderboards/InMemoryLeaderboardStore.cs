using TypingRace.Engine.Leaderboards;

namespace TypingRace.Leaderboards;

/// <summary>
/// The store for a one-machine run without Redis: the same contract, held in this process and forgotten when it
/// stops. One lock guards everything; a single process's races are far too few for it to matter. It mirrors Redis
/// closely enough to pass the same tests: equal scores order by player id descending like ZREVRANGE, and daily and
/// weekly boards and result ids expire at the same times, by <paramref name="time"/>.
/// </summary>
public sealed class InMemoryLeaderboardStore(
    LeaderboardRules? rules = null,
    BoardKeys? keys = null,
    TimeProvider? time = null) : ILeaderboardStore
{
    private readonly LeaderboardRules rules = rules ?? LeaderboardRules.Default;
    private readonly BoardKeys keys = keys ?? new BoardKeys();
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, double>> boards = [];
    private readonly Dictionary<string, DateTimeOffset> resultIds = [];
    private readonly PriorityQueue<(string Key, bool IsBoard), DateTimeOffset> expiries = new();
    private readonly Dictionary<string, Player> players = [];
    private readonly Dictionary<string, string> names = [];

    public async Task<RecordOutcome> Record(ResultToRecord result, CancellationToken ct) =>
        (await Record([result], ct))[0];

    public Task<IReadOnlyList<RecordOutcome>> Record(IReadOnlyList<ResultToRecord> results, CancellationToken ct)
    {
        var batch = RecordBatchPlan.Of([.. results.Select(r => RecordPlan.Of(r, rules, keys))]);
        lock (gate)
        {
            var now = Expire();
            var players = batch.Results.Select(plan => WritePlayer(plan, now)).ToList();
            foreach (var write in batch.Boards)
            {
                if (!boards.TryGetValue(write.Board.Key, out var entries))
                {
                    boards[write.Board.Key] = entries = [];
                    if (write.Board.ExpiresAt is { } expiresAt)
                    {
                        expiries.Enqueue((write.Board.Key, true), expiresAt);
                    }
                }

                foreach (var entry in write.Entries)
                {
                    KeepBest(entries, entry.PlayerId, entry.Score);
                }
            }

            var ranks = batch.Boards.SelectMany(write => write.Entries.Select(entry => RankIn(boards[write.Board.Key], entry.PlayerId))).ToList();
            return Task.FromResult(batch.Outcomes(players, ranks));
        }
    }

    public Task<IReadOnlyList<LeaderboardEntry>> Top(BoardQuery query, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, LeaderboardLimits.MaxTop);
        var board = keys.For(query, time.GetUtcNow());
        lock (gate)
        {
            Expire();
            IReadOnlyList<LeaderboardEntry> top = boards.TryGetValue(board.Key, out var entries)
                ? [.. Ordered(entries).Take(count).Select((e, i) => LeaderboardEntry.From(board.Ranking, i + 1, e.Key, names.GetValueOrDefault(e.Key), e.Value))]
                : [];
            return Task.FromResult(top);
        }
    }

    public Task<LeaderboardEntry?> RankOf(BoardQuery query, string playerId, CancellationToken ct)
    {
        var board = keys.For(query, time.GetUtcNow());
        lock (gate)
        {
            Expire();
            var entry = boards.TryGetValue(board.Key, out var entries) && entries.TryGetValue(playerId, out var score)
                ? LeaderboardEntry.From(board.Ranking, RankIn(entries, playerId) + 1, playerId, names.GetValueOrDefault(playerId), score)
                : null;
            return Task.FromResult(entry);
        }
    }

    public Task SetPlayerName(string playerId, string name, CancellationToken ct)
    {
        lock (gate)
        {
            names[playerId] = name;
        }

        return Task.CompletedTask;
    }

    public Task<PlayerStats> Stats(string playerId, CancellationToken ct)
    {
        lock (gate)
        {
            var player = players.GetValueOrDefault(playerId) ?? new Player();
            return Task.FromResult(StatsBuilder.Build(
                [.. player.History],
                player.Races,
                player.WpmHundredths,
                player.AccuracyBasisPoints,
                player.GuideBests.Select(e => (e.Key, e.Value)),
                player.PassageBests.Select(e => (e.Key, e.Value))));
        }
    }

    /// <summary>The result's own keys: name, history and totals once per result id, and the personal bests.</summary>
    private PlayerOutcome WritePlayer(RecordPlan plan, DateTimeOffset now)
    {
        var result = plan.Result;
        if (plan.PlayerName is { } name)
        {
            names[result.PlayerId] = name;
        }

        var player = PlayerOf(result.PlayerId);
        var fresh = resultIds.TryAdd(result.ResultId, now + LeaderboardLimits.ResultMemory);
        if (fresh)
        {
            expiries.Enqueue((result.ResultId, false), now + LeaderboardLimits.ResultMemory);
            player.History.Insert(0, result);
            if (player.History.Count > LeaderboardLimits.HistoryLength)
            {
                player.History.RemoveAt(player.History.Count - 1);
            }

            player.Races++;
            player.WpmHundredths += plan.WpmHundredths;
            player.AccuracyBasisPoints += plan.AccuracyBasisPoints;
        }

        var best = plan.BestScore;
        return new PlayerOutcome(
            fresh,
            best is { } g && KeepBest(player.GuideBests, result.GuideId, g),
            best is { } p && KeepBest(player.PassageBests, plan.PassageId, p));
    }

    /// <summary>Like ZADD GT CH: true when the score was added or raised.</summary>
    private static bool KeepBest(Dictionary<string, double> scores, string member, double score)
    {
        if (scores.TryGetValue(member, out var current) && current >= score)
        {
            return false;
        }

        scores[member] = score;
        return true;
    }

    /// <summary>Like ZREVRANK: 0-based, higher scores first, equal scores by member descending.</summary>
    private static long RankIn(Dictionary<string, double> entries, string member)
    {
        var score = entries[member];
        return entries.LongCount(e => e.Value > score || (e.Value == score && string.CompareOrdinal(e.Key, member) > 0));
    }

    private static IEnumerable<KeyValuePair<string, double>> Ordered(Dictionary<string, double> entries) =>
        entries.OrderByDescending(e => e.Value).ThenByDescending(e => e.Key, StringComparer.Ordinal);

    private Player PlayerOf(string playerId)
    {
        if (!players.TryGetValue(playerId, out var player))
        {
            players[playerId] = player = new Player();
        }

        return player;
    }

    /// <summary>Drops boards and result ids whose time has passed, as Redis would; returns now.</summary>
    private DateTimeOffset Expire()
    {
        var now = time.GetUtcNow();
        while (expiries.TryPeek(out var item, out var at) && at <= now)
        {
            expiries.Dequeue();
            _ = item.IsBoard ? boards.Remove(item.Key) : resultIds.Remove(item.Key);
        }

        return now;
    }

    private sealed class Player
    {
        public List<FinishedResult> History { get; } = [];

        public Dictionary<string, double> GuideBests { get; } = [];

        public Dictionary<string, double> PassageBests { get; } = [];

        public long Races { get; set; }

        public long WpmHundredths { get; set; }

        public long AccuracyBasisPoints { get; set; }
    }
}
