using StackExchange.Redis;
using TypingRace.Testing;

namespace TypingRace.Leaderboards.Tests;

public sealed class RedisServerTests
{
    [Fact]
    public async Task The_server_can_be_stopped_and_started_again_on_the_same_port()
    {
        using var server = new RedisServer();
        var port = server.Port;

        server.Stop();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},connectTimeout=500,abortConnect=true"));

        server.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        Assert.Equal(port, server.Port);
        Assert.True(await connection.GetDatabase().StringSetAsync("k", "v"));
    }
}
