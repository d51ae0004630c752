using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// The limits of docs/security.md, each at small numbers so a test reaches them: REST rate limits answer
/// 429 rate-limited with Retry-After, joins count per player and per IP over REST and the hub together, and one
/// IP holds a capped number of hub connections. Every test client is 127.0.0.1, one IP.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class LimitTests(RaceCluster cluster)
{
    private Dictionary<string, string?> Limited(params (string Key, string Value)[] limits)
    {
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Limits:Enabled"] = "true";
        foreach (var (key, value) in limits)
        {
            settings[$"Limits:{key}"] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Creating_players_and_reading_boards_are_rate_limited_with_retry_after()
    {
        await using var gateway = await GatewayInstance.Start(Limited(("Accounts:Burst", "3"), ("Accounts:Per", "01:00:00"), ("Reads:Burst", "2"), ("Reads:Per", "01:00:00")));
        for (var i = 0; i < 3; i++)
        {
            await gateway.Register($"Pupil {i}");
        }

        var fourth = await gateway.Send(HttpMethod.Post, "/api/players", body: new { name = "Pupil 3" });
        await GatewayInstance.ExpectRefusal(fourth, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited, "a fourth player from one IP");
        // One of 3 an hour comes back every 20 minutes.
        Assert.InRange(int.Parse(fourth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 20 * 60);

        const string board = "/api/leaderboards?scope=global&period=allTime&ranking=speed";
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync(board)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync(board)).StatusCode);
        await GatewayInstance.ExpectRefusal(await gateway.Http.GetAsync(board), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited, "a third board read");

        // Other kinds of request are not held back by these.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/api/guides")).StatusCode);
    }

    [Fact]
    public async Task Joins_by_code_count_per_player_and_per_ip_over_rest_and_the_hub_together()
    {
        await using var gateway = await GatewayInstance.Start(Limited(
            ("JoinsPerPlayer:Burst", "3"), ("JoinsPerPlayer:Per", "01:00:00"), ("JoinsPerIp:Burst", "5"), ("JoinsPerIp:Per", "01:00:00")));
        await using var guesser = await RaceClient.Connect(gateway, await gateway.Register("Guesser"));
        await using var helper = await RaceClient.Connect(gateway, await gateway.Register("Helper"));
        var code = await gateway.CreateRoom(guesser.Player, TestGuides.MiniId, 0, "short");

        // The guesser: two joins over the hub and one lookup over REST use up its 3.
        await guesser.Join(code);
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(guesser.Join("ZZZZ24")));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Send(HttpMethod.Get, "/api/rooms/ZZZZ25", guesser.Player.Token)).StatusCode);
        Assert.Equal(ErrorCodes.RateLimited, await HubErrors.CodeOf(guesser.Join(code)));
        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Get, "/api/rooms/ZZZZ26", guesser.Player.Token), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);

        // A second player on the same IP has 3 of its own, but the IP has 2 left of its 5: the third is refused.
        await helper.Join(code);
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(helper.Join("ZZZZ27")));
        Assert.Equal(ErrorCodes.RateLimited, await HubErrors.CodeOf(helper.Join(code)));
        Assert.Equal(HubConnectionState.Connected, helper.Connection.State);
    }

    [Fact]
    public async Task One_ip_holds_at_most_the_configured_number_of_hub_connections()
    {
        await using var gateway = await GatewayInstance.Start(Limited(("ConnectionsPerIp", "2")));
        var ada = await gateway.Register("Ada");
        var first = await gateway.Connect(ada);
        await using var second = await gateway.Connect(ada);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => gateway.Connect(ada));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // Closing one makes room for another.
        await first.DisposeAsync();
        await using var third = await Eventually.Get(async () =>
        {
            try
            {
                return await gateway.Connect(ada);
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return null;
            }
        }, connection => connection is not null, "a connection once one closed");
        Assert.Equal(HubConnectionState.Connected, third!.State);
    }
}
