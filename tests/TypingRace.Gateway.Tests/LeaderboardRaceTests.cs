using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>The whole game on a real Redis: races at a human pace land on the boards, and survive a Redis outage.</summary>
public sealed class LeaderboardRaceTests : IAsyncLifetime
{
    /// <summary>Boards keep WPM to the hundredth, so a board's figure is the race's within half of that.</summary>
    private const double BoardWpmTolerance = 0.005 + 1e-9;

    private readonly RedisServer _redis = new();
    private GatewayInstance _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis.Start();
        _gateway = await StartGateway();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Human_paced_results_are_ranked_and_a_redis_outage_loses_nothing()
    {
        await using var ada = await RaceClient.Connect(_gateway, await _gateway.Register("Ada"));
        await using var bo = await RaceClient.Connect(_gateway, await _gateway.Register("Bo"));
        var passage = TestGuides.Passage(0, PassageLength.Short);
        var code = await _gateway.CreateRoom(ada.Player, TestGuides.MiniId, 0, "short");
        await ada.Join(code);
        await bo.Join(code);

        var first = await Race(code, ada, bo, passage);
        var passageId = BoardKeys.PassageId(passage.FirstParagraphId, PassageLength.Short);
        var board = await Board($"scope=passage&id={passageId}&period=allTime&ranking=speed");
        Assert.Equal([ada.Player.PlayerId, bo.Player.PlayerId], board.Select(e => e.GetProperty("playerId").GetString()));
        Assert.Equal(["Ada", "Bo"], board.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(first[0].Wpm, board[0].GetProperty("wpm").GetDouble(), BoardWpmTolerance);
        Assert.Equal(2, (await Json($"/api/leaderboards/rank?scope=global&period=allTime&ranking=speed&playerId={bo.Player.PlayerId}"))
            .GetProperty("entry").GetProperty("rank").GetInt64());

        // After the race each racer sees their ranks on every board, a first personal best, and no average yet.
        foreach (var (line, rank) in first.Zip([1L, 2L]))
        {
            var standing = line.Standing!;
            Assert.False(standing.Queued);
            Assert.True(standing.NewPassageBest);
            Assert.True(standing.NewGuideBest);
            Assert.Null(standing.RecentAverageWpm);
            Assert.Equal(18, standing.Ranks.Length);
            Assert.All(standing.Ranks, r => Assert.Equal(rank, r.Rank));
        }

        // Redis goes away; the next race still completes and shows results, and the gateway says it is degraded.
        _redis.Stop();
        await ada.Connection.InvokeAsync("StartRace", code);
        var second = await Race(code, ada, bo, passage, started: true);
        Assert.Equal(2, second.Length);

        // Without Redis the ranks wait, but the comparison with the racer's earlier races is still there.
        Assert.All(second, line => Assert.True(line.Standing!.Queued));
        Assert.All(second, line => Assert.Empty(line.Standing!.Ranks));
        Assert.All(second, line => Assert.Equal(first.Single(f => f.PlayerId == line.PlayerId).Wpm, line.Standing!.RecentAverageWpm));
        await Eventually.Get(() => _gateway.Http.GetStringAsync("/readyz"), body => body == "Degraded", "a degraded health report");

        // Redis comes back; the queued results land once, and the gateway is healthy again.
        _redis.Start();
        var stats = await Eventually.Get(
            () => Json($"/api/players/{bo.Player.PlayerId}/stats"),
            body => body.GetProperty("stats").GetProperty("races").GetInt64() == 2,
            "Bo's second race to land after the outage",
            TimeSpan.FromSeconds(30));
        Assert.Equal(2, stats.GetProperty("stats").GetProperty("recent").GetArrayLength());
        await Eventually.Get(
            () => _gateway.Http.GetStringAsync("/readyz"), body => body == "Healthy", "a healthy report", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Boards_history_and_saved_tokens_survive_a_restart_of_the_game_server()
    {
        var passage = TestGuides.Passage(0, PassageLength.Short);
        var passageBoard = $"scope=passage&id={BoardKeys.PassageId(passage.FirstParagraphId, PassageLength.Short)}&period=allTime&ranking=speed";
        TestPlayer adaPlayer, boPlayer;
        ResultLine[] results;
        await using (var ada = await RaceClient.Connect(_gateway, await _gateway.Register("Ada")))
        await using (var bo = await RaceClient.Connect(_gateway, await _gateway.Register("Bo")))
        {
            var code = await _gateway.CreateRoom(ada.Player, TestGuides.MiniId, 0, "short");
            await ada.Join(code);
            await bo.Join(code);
            results = await Race(code, ada, bo, passage);
            (adaPlayer, boPlayer) = (ada.Player, bo.Player);
        }

        var boardBefore = await Board(passageBoard);
        var statsBefore = await Json($"/api/players/{boPlayer.PlayerId}/stats");

        // The game server stops and a new one starts on the same Redis, as after a deploy.
        await _gateway.DisposeAsync();
        _gateway = await StartGateway();

        // The browser's saved token still signs Bo in, and the boards and his history are as they were.
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/players/me");
        me.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", boPlayer.Token);
        var profile = await (await _gateway.Http.SendAsync(me)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bo", profile.GetProperty("name").GetString());
        var boardAfter = await Board(passageBoard);
        Assert.Equal(boardBefore.Select(e => e.GetRawText()), boardAfter.Select(e => e.GetRawText()));
        Assert.Equal([adaPlayer.PlayerId, boPlayer.PlayerId], boardAfter.Select(e => e.GetProperty("playerId").GetString()));
        Assert.Equal(results.Single(r => r.PlayerId == boPlayer.PlayerId).Wpm, boardAfter[1].GetProperty("wpm").GetDouble(), BoardWpmTolerance);
        var statsAfter = await Json($"/api/players/{boPlayer.PlayerId}/stats");
        Assert.Equal(statsBefore.GetRawText(), statsAfter.GetRawText());
        Assert.Equal(1, statsAfter.GetProperty("stats").GetProperty("races").GetInt64());

        // And he races on: the second result counts on top of the first.
        await using var ada2 = await RaceClient.Connect(_gateway, adaPlayer);
        await using var bo2 = await RaceClient.Connect(_gateway, boPlayer);
        var again = await _gateway.CreateRoom(adaPlayer, TestGuides.MiniId, 0, "short");
        await ada2.Join(again);
        await bo2.Join(again);
        var second = await Race(again, ada2, bo2, passage);
        Assert.All(second, line => Assert.Equal(results.Single(r => r.PlayerId == line.PlayerId).Wpm, line.Standing!.RecentAverageWpm));
        var stats = await Json($"/api/players/{boPlayer.PlayerId}/stats");
        Assert.Equal(2, stats.GetProperty("stats").GetProperty("races").GetInt64());
    }

    [Theory]
    [InlineData("scope=planet&period=allTime&ranking=speed", ErrorCodes.BadScope)]
    [InlineData("scope=guide&period=allTime&ranking=speed", ErrorCodes.BadScope)]
    [InlineData("scope=global&period=hourly&ranking=speed", ErrorCodes.BadPeriod)]
    [InlineData("scope=global&period=allTime&ranking=style", ErrorCodes.BadRanking)]
    [InlineData("scope=global&period=allTime&ranking=speed&top=0", ErrorCodes.BadTop)]
    [InlineData("scope=global&period=allTime&ranking=speed&top=100000", ErrorCodes.BadTop)]
    public async Task Bad_leaderboard_requests_get_a_clear_400(string query, string code)
    {
        var response = await _gateway.Http.GetAsync("/api/leaderboards?" + query);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_player_gets_a_clear_400()
    {
        var response = await _gateway.Http.GetAsync($"/api/players/{new string('a', 32)}/stats");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.PlayerNotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>Both type the passage at about 200 WPM with human-looking key times; Ada a little ahead.</summary>
    private static async Task<ResultLine[]> Race(string code, RaceClient ada, RaceClient bo, Passage passage, bool started = false)
    {
        if (!started)
        {
            await ada.Connection.InvokeAsync("StartRace", code);
        }

        var racing = await ada.WaitForView(v => v.Phase == RoomPhase.Racing && !ada.Views.Any(x => x.Phase == RoomPhase.Results && x.RaceNumber == v.RaceNumber), "racing");
        var keys = TypingScript.Correct(passage).ToList();
        ada.ResumeAfter(0);
        bo.ResumeAfter(0);
        await TypingScript.PlayHumanly(keys, msPerKey: 60, seed: 7, async presses =>
        {
            await ada.Connection.InvokeAsync<KeyAck>("SendKeys", code, ada.NextBatch(presses));

            // Bo trails by a clear margin, so his WPM is lower even after rounding to the hundredth the boards keep.
            await Task.Delay(25);
            await bo.Connection.InvokeAsync<KeyAck>("SendKeys", code, bo.NextBatch(presses));
        });

        // The standings follow the results once the results are recorded.
        var results = await ada.WaitForView(
            v => v.Phase == RoomPhase.Results && v.RaceNumber == racing.RaceNumber && v.Results!.All(line => line.Standing is not null),
            "results with standings");
        Assert.All(results.Results!, line => Assert.Empty(line.Flags));
        return results.Results!;
    }

    private Task<GatewayInstance> StartGateway()
    {
        var settings = GatewayInstance.CoHosted();
        settings["Redis:ConnectionString"] = _redis.ConnectionString;
        settings["Leaderboards:WriteTimeout"] = "00:00:00.500";
        settings["Leaderboards:MaxRetryDelay"] = "00:00:00.500";

        // Human-paced races under CI load must never meet the short limit of the other tests (it once did: race-over).
        settings["Rooms:RaceTimeLimit"] = "00:01:00";
        return GatewayInstance.Start(settings);
    }

    private async Task<JsonElement[]> Board(string query) =>
        (await Json("/api/leaderboards?" + query)).GetProperty("entries").EnumerateArray().ToArray();

    private async Task<JsonElement> Json(string path) =>
        await _gateway.Http.GetFromJsonAsync<JsonElement>(path);
}
