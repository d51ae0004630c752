using StackExchange.Redis;
using TypingRace.Engine.Leaderboards;
using TypingRace.Testing;

namespace TypingRace.Leaderboards.Tests;

/// <summary>One redis-server for the class; each test writes under its own key prefix, so tests never see each other.</summary>
public sealed class RedisServerFixture : IDisposable
{
    public RedisServerFixture()
    {
        Server = new RedisServer();
        Connection = ConnectionMultiplexer.Connect(Server.ConnectionString);
    }

    public RedisServer Server { get; }

    public ConnectionMultiplexer Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        Server.Dispose();
    }
}

public sealed class RedisStoreTests : StoreContractTests, IClassFixture<RedisServerFixture>
{
    private readonly RedisServerFixture redis;
    private readonly BoardKeys keys = new($"test:{Guid.NewGuid():N}:");

    public RedisStoreTests(RedisServerFixture redis)
    {
        this.redis = redis;
        Store = new RedisLeaderboardStore(redis.Connection, keys: keys, time: Clock);
    }

    protected override ILeaderboardStore Store { get; }

    [Fact]
    public async Task Daily_and_weekly_keys_expire_a_day_after_their_period_and_all_time_keys_never()
    {
        var outcome = await Store.Record(Result("ada", 80), CancellationToken.None);
        var db = redis.Connection.GetDatabase();

        var expiries = new Dictionary<LeaderboardPeriod, DateTime?>();
        foreach (var placement in outcome.Placements.Where(p => p.Board.Scope == LeaderboardScope.Global))
        {
            expiries[placement.Board.Period] = await db.KeyExpireTimeAsync(placement.Board.Key);
        }

        // Tuesday's board goes at Thursday 00:00; the week ends the next Monday, so its board goes that Tuesday.
        Assert.Equal(Noon.UtcDateTime.Date.AddDays(2), expiries[LeaderboardPeriod.Daily]);
        Assert.Equal(Noon.UtcDateTime.Date.AddDays(7), expiries[LeaderboardPeriod.Weekly]);
        Assert.Null(expiries[LeaderboardPeriod.AllTime]);
    }
}

public sealed class InMemoryStoreTests : StoreContractTests
{
    public InMemoryStoreTests() => Store = new InMemoryLeaderboardStore(time: Clock);

    protected override ILeaderboardStore Store { get; }

    [Fact]
    public async Task Daily_boards_are_gone_a_day_after_their_day_and_all_time_boards_stay()
    {
        await Store.Record(Result("ada", 80), CancellationToken.None);
        var yesterday = new BoardQuery(LeaderboardScope.Global, null, LeaderboardPeriod.Daily, LeaderboardRanking.Speed, Noon);

        Clock.Now = Noon.UtcDateTime.Date.AddDays(2).AddMinutes(-1);
        Assert.NotNull(await Store.RankOf(yesterday, "ada", CancellationToken.None));

        Clock.Now = Noon.UtcDateTime.Date.AddDays(2);
        Assert.Null(await Store.RankOf(yesterday, "ada", CancellationToken.None));
        Assert.NotNull(await Store.RankOf(yesterday with { Period = LeaderboardPeriod.AllTime }, "ada", CancellationToken.None));
    }
}
