using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
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
    public async Task Refusals_that_tell_whether_a_code_is_in_use_cost_a_join_from_any_call_while_a_member_polls_for_free()
    {
        await using var gateway = await GatewayInstance.Start(Limited(
            ("JoinsPerPlayer:Burst", "3"), ("JoinsPerPlayer:Per", "01:00:00"), ("JoinsPerIp:Burst", "8"), ("JoinsPerIp:Per", "01:00:00")));

        // A student joins (one join) and the cohort page polls it as often as it likes.
        var teacher = await gateway.Register("Teacher");
        var created = await gateway.Send(HttpMethod.Post, "/api/cohorts", teacher.Token, new { name = "Week 1" });
        var cohort = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var student = await gateway.Register("Student");
        Assert.Equal(HttpStatusCode.OK, (await gateway.Send(HttpMethod.Post, $"/api/cohorts/{cohort}/join", student.Token)).StatusCode);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Send(HttpMethod.Get, $"/api/cohorts/{cohort}", student.Token)).StatusCode);
        }

        // A prober guesses with whatever call it has: each "no such room" costs one of its 3, then it learns nothing.
        await using var prober = await RaceClient.Connect(gateway, await gateway.Register("Prober"));
        var refusals = Channel.CreateUnbounded<KeysRefused>();
        prober.Connection.On<KeysRefused>("keysRefused", refusal => refusals.Writer.TryWrite(refusal));
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(prober.Connection.InvokeAsync("SetReady", "ZZZZ22", true)));
        await prober.Connection.SendAsync("TypeKeys", "ZZZZ23", new KeyBatch(1, [new KeyPress("a", 0)]));
        Assert.Equal(ErrorCodes.RoomNotFound, (await refusals.Reader.ReadAsync()).Code);
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(prober.Connection.InvokeAsync("StartRace", "ZZZZ24")));
        Assert.Equal(ErrorCodes.RateLimited, await HubErrors.CodeOf(prober.Connection.InvokeAsync("SetReady", "ZZZZ25", true)));
        await prober.Connection.SendAsync("TypeKeys", "ZZZZ26", new KeyBatch(1, [new KeyPress("a", 0)]));
        Assert.Equal(ErrorCodes.RateLimited, (await refusals.Reader.ReadAsync()).Code);

        // An instructor's endpoint guessed without a player: the address has 4 of its 8 left (the join, 3 probes).
        for (var i = 0; i < 4; i++)
        {
            await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Get, "/api/cohorts/ZZZZ27/live", instructorKey: "ik-guess"),
                HttpStatusCode.NotFound, ErrorCodes.CohortNotFound, $"guess {i + 1}");
        }

        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Get, "/api/cohorts/ZZZZ28/live", instructorKey: "ik-guess"),
            HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited, "a guess past the address's budget");
    }

    [Fact]
    public async Task A_connection_that_floods_room_actions_is_refused_and_the_room_goes_on_for_the_others()
    {
        var settings = GatewayInstance.ClientOf(cluster);
        // One action back a minute and 4 at once, so the test never races the refill.
        settings["Gateway:RoomActionsPerSecond"] = "0.016";
        settings["Gateway:RoomActionBurst"] = "4";
        await using var gateway = await GatewayInstance.Start(settings);
        await using var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        await using var flooder = await RaceClient.Connect(gateway, await gateway.Register("Flooder"));
        var code = await gateway.RoomWith(host, flooder);

        // The join was one of the flooder's 4; three toggles more, then refusals, and the connection stays.
        for (var i = 0; i < 3; i++)
        {
            await flooder.Connection.InvokeAsync("SetReady", code, i % 2 == 0);
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ErrorCodes.RateLimited, await HubErrors.CodeOf(flooder.Connection.InvokeAsync("SetReady", code, true)));
        }

        Assert.Equal(HubConnectionState.Connected, flooder.Connection.State);

        // The host has its own bucket: it starts the race, which the flooder is in.
        await host.Connection.InvokeAsync("StartRace", code);
        var racing = await host.WaitForView(view => view.Phase != RoomPhase.Lobby, "the race to start");
        Assert.Contains(racing.Members, member => member.PlayerId == flooder.Player.PlayerId);
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
