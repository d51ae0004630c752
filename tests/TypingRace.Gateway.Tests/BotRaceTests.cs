using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>Bots the host adds race a real SignalR racer through the room's own key path.</summary>
public sealed class BotRaceTests : IAsyncLifetime
{
    private GatewayInstance _gateway = null!;

    public async Task InitializeAsync()
    {
        var settings = GatewayInstance.CoHosted();
        settings["Rooms:RaceTimeLimit"] = "00:00:40";
        _gateway = await GatewayInstance.Start(settings);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Bots_fill_a_room_race_a_person_to_the_end_and_are_marked_as_bots()
    {
        await using var ada = await RaceClient.Connect(_gateway, await _gateway.Register("Ada"));
        var passage = TestGuides.Passage(0, PassageLength.Short);
        var code = await _gateway.CreateRoom(ada.Player, TestGuides.MiniId, 0, "short");
        await ada.Join(code);
        double[] speeds = [250, 200, 150];
        foreach (var wpm in speeds)
        {
            await ada.Connection.InvokeAsync("AddBot", code, wpm);
        }

        var lobby = await ada.WaitForView(v => v.Members.Length == 4, "three bots in the lobby");
        var bots = lobby.Members.Where(m => m.IsBot).ToList();
        Assert.Equal(["Bot 250", "Bot 200", "Bot 150"], bots.Select(b => b.Name));
        Assert.All(bots, bot => Assert.True(bot.Ready));
        Assert.False(lobby.Members.Single(m => m.PlayerId == ada.Player.PlayerId).IsBot);

        // Ada types the passage at once; the bots type it at their own pace until they are done.
        await ada.Connection.InvokeAsync("StartRace", code);
        await ada.WaitForView(v => v.Phase == RoomPhase.Racing, "racing");
        Assert.True((await ada.Type(code, TypingScript.Correct(passage))).Finished);
        var results = (await ada.WaitForView(v => v.Phase == RoomPhase.Results, "results")).Results!;

        Assert.Equal(4, results.Length);
        Assert.Equal(ada.Player.PlayerId, results[0].PlayerId);
        Assert.False(results[0].IsBot);
        Assert.DoesNotContain("bot", results[0].Flags);
        // Behind her come the three bots. Their own order is left to chance: on a short passage a slip costs a
        // 250 WPM bot enough to finish behind the 200 one, and a busy machine drives them in coarser ticks.
        var botLines = results.Skip(1).ToList();
        Assert.Equal(bots.Select(b => b.PlayerId).Order(), botLines.Select(line => line.PlayerId).Order());
        Assert.Equal([2, 3, 4], botLines.Select(line => line.Place));
        var speedOf = bots.Zip(speeds).ToDictionary(pair => pair.First.PlayerId, pair => pair.Second);
        foreach (var (line, wpm) in botLines.Select(line => (line, speedOf[line.PlayerId])))
        {
            Assert.True(line.IsBot);
            Assert.Equal(["bot"], line.Flags);
            Assert.True(line.Finished);
            Assert.Equal(passage.CharacterCount, line.Position);

            // A short passage leaves room for chance; the engine's tests hold the model to ±10% over 2,000 characters.
            Assert.InRange(line.Wpm, wpm * 0.7, wpm * 1.3);
            Assert.InRange(line.Accuracy, 0.85, 1.0);
        }

        // Bots are nobody's players: they have no history and enter no board.
        foreach (var bot in bots)
        {
            var stats = await _gateway.Http.GetAsync($"/api/players/{bot.PlayerId}/stats");
            Assert.Equal(HttpStatusCode.BadRequest, stats.StatusCode);
        }

        // The next race starts with the bots ready again.
        await ada.Connection.InvokeAsync("NextPassage", code);
        var next = await ada.WaitForView(v => v.Phase == RoomPhase.Lobby, "the lobby");
        Assert.All(next.Members.Where(m => m.IsBot), bot => Assert.True(bot.Ready));
    }

    [Fact]
    public async Task Adding_a_bot_is_for_the_host_at_a_sane_speed_in_a_room_with_space()
    {
        await using var host = await RaceClient.Connect(_gateway, await _gateway.Register("Host"));
        await using var guest = await RaceClient.Connect(_gateway, await _gateway.Register("Guest"));
        var code = await _gateway.RoomWith(host, guest);

        Assert.Equal(ErrorCodes.NotHost, await HubErrors.CodeOf(guest.Connection.InvokeAsync("AddBot", code, 70.0)));
        Assert.Equal(ErrorCodes.BadBot, await HubErrors.CodeOf(host.Connection.InvokeAsync("AddBot", code, 5.0)));
        Assert.Equal(ErrorCodes.BadBot, await HubErrors.CodeOf(host.Connection.InvokeAsync("AddBot", code, 900.0)));
        await host.Connection.InvokeAsync("AddBot", code, 70.0);
        await host.Connection.InvokeAsync("AddBot", code, 70.0);

        // The test rooms hold four.
        Assert.Equal(ErrorCodes.RoomFull, await HubErrors.CodeOf(host.Connection.InvokeAsync("AddBot", code, 70.0)));
        var full = await host.WaitForView(v => v.Members.Length == 4, "a full room");

        // Kicking a bot makes room again; the guest saw none of the refused calls change anything.
        var bot = full.Members.First(m => m.IsBot);
        await host.Connection.InvokeAsync("KickMember", code, bot.PlayerId);
        // The guest saw three members once before, with this very bot, before the second one came: wait for it gone.
        var after = await guest.WaitForView(v => v.Members.Length == 3 && v.Members.All(m => m.PlayerId != bot.PlayerId), "the kicked bot gone");
        Assert.Single(after.Members, m => m.IsBot);
    }
}
