using StackExchange.Redis;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Grains.Tests.Rooms;
using TypingRace.Testing;
using static TypingRace.Grains.Tests.RoomTestKit;

namespace TypingRace.Grains.Tests.Players;

/// <summary>
/// In Redis, key logs expire after 30 days, but a player's best run of a passage is kept for good, so "race your best"
/// still finds it; the run it beat goes back to expiring (docs/fair-play.md, "Where and for how long").
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class BestRunRetentionTests(FailoverCluster cluster)
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);

    [Fact]
    public async Task A_best_runs_key_log_is_kept_for_good_and_the_one_it_beat_expires_again()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var kit = new RoomTestKit(cluster.Grains);
        var (room, ada) = await kit.NewRoom(hostName: "Ada");
        var player = cluster.Grains.GetGrain<IPlayerGrain>(ada.PlayerId);
        var passageId = BoardKeys.PassageId(Passage.FirstParagraphId, PassageLength.Short);

        var first = await RaceOnce(room, ada, msPerKey: 70, seed: 31);
        await Eventually.Get(() => player.BestRunOn(passageId), best => best == first, "the first run to be Ada's best");
        await Eventually.Get(() => Ttl(redis, first, ada), ttl => ttl is null, "the best run's log to be kept for good");

        // A faster run: now that one is kept, and the first expires with the rest again.
        var second = await RaceOnce(room, ada, msPerKey: 45, seed: 32);
        await Eventually.Get(() => player.BestRunOn(passageId), best => best == second, "the faster run to be Ada's best");
        await Eventually.Get(() => Ttl(redis, second, ada), ttl => ttl is null, "the new best's log to be kept for good");
        var expiry = await Eventually.Get(() => Ttl(redis, first, ada), ttl => ttl is not null, "the beaten run's log to expire again");
        Assert.InRange(expiry!.Value, TimeSpan.FromDays(29), TimeSpan.FromDays(30));

        // The kept log is whole: it still proves its race.
        var check = await Eventually.Get(() => cluster.Grains.GetGrain<IRaceGrain>(second).Verify(), c => c is { Pending: false }, "the proof");
        Assert.True(check!.Verified, check.Problem);
    }

    private static async Task<string> RaceOnce(IRoomGrain room, PlayerCard racer, int msPerKey, int seed)
    {
        await StartAndWaitForRacing(room, racer);
        await TypeLikeAPerson(room, racer, TypingScript.Correct(Passage), msPerKey, seed);
        var results = await WaitForPhase(room, RoomPhase.Results);
        Assert.Empty(results.Results!.Single().Flags);
        return results.RaceId!;
    }

    /// <summary>The log's time to live; null when it has none (kept for good).</summary>
    private static async Task<TimeSpan?> Ttl(IConnectionMultiplexer redis, string raceId, PlayerCard racer)
    {
        var key = $"typingrace:keys:{raceId}:{racer.PlayerId}";
        Assert.True(await redis.GetDatabase().KeyExistsAsync(key), $"{key} is stored");
        return await redis.GetDatabase().KeyTimeToLiveAsync(key);
    }
}
