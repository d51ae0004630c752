using StackExchange.Redis;
using TypingRace.Abstractions;
using TypingRace.Grains.Tests.Rooms;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Players;

/// <summary>One-time device codes in Redis: a code is deleted once used, and an unused one once it expires.</summary>
[Collection(FailoverCollection.Name)]
public sealed class DeviceCodeStorageTests(FailoverCluster cluster)
{
    [Fact]
    public async Task A_used_code_and_an_expired_one_leave_nothing_in_redis_and_neither_signs_anyone_in()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var used = NewCode();
        var unused = NewCode();
        Assert.True((await Grain(used).Issue("player-a", "hash-a", DateTimeOffset.UtcNow.AddMinutes(10))).IsOk);
        Assert.True((await Grain(unused).Issue("player-b", "hash-b", DateTimeOffset.UtcNow.AddSeconds(1))).IsOk);
        Assert.Equal(1, await KeysOf(redis, used));
        Assert.Equal(1, await KeysOf(redis, unused));

        // Used: it signs its player in once, and its key goes with it.
        Assert.Equal(new DeviceGrant("player-a", "hash-a"), (await Grain(used).Redeem(DateTimeOffset.UtcNow)).Value);
        Assert.Equal(0, await KeysOf(redis, used));
        Assert.Equal(ErrorCodes.BadDeviceCode, (await Grain(used).Redeem(DateTimeOffset.UtcNow)).Error!.Code);

        // Never used: the key is gone once the code expires, and the code no longer works.
        await Eventually.Get(() => KeysOf(redis, unused), keys => keys == 0, "the expired code's key to be deleted");
        Assert.Equal(ErrorCodes.BadDeviceCode, (await Grain(unused).Redeem(DateTimeOffset.UtcNow)).Error!.Code);
    }

    private IDeviceCodeGrain Grain(string code) => cluster.Grains.GetGrain<IDeviceCodeGrain>(code);

    private static string NewCode() => Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8];

    private static async Task<int> KeysOf(ConnectionMultiplexer redis, string code)
    {
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: $"*{code}*"))
        {
            count++;
        }

        return count;
    }
}
