using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>Every bad input at the gateway gets its code and message; the connection and other racers carry on.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BadInputTests(RaceCluster cluster)
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name that is far too long for a lane")]
    [InlineData("Bell\u0007")]
    public async Task Registering_a_bad_name_is_refused_with_invalid_name(string name)
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var response = await gateway.Http.PostAsJsonAsync("/api/players", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidName, await ErrorCode(response));
    }

    [Fact]
    public async Task Missing_or_wrong_tokens_are_refused_for_rest_and_the_hub()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await gateway.Register("Ada");
        var bo = await gateway.Register("Bo");

        var missing = await gateway.Http.GetAsync("/api/players/me");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(ErrorCodes.Unauthorized, await ErrorCode(missing));

        // Ada's id with Bo's secret: no one can act as another player.
        var forged = ada.Token.Split('.')[0] + "." + bo.Token.Split('.')[1];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/players/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Http.SendAsync(request)).StatusCode);

        var hubFailure = await Assert.ThrowsAsync<HttpRequestException>(() => gateway.Connect(ada with { Token = forged }));
        Assert.Equal(HttpStatusCode.Unauthorized, hubFailure.StatusCode);
        var noToken = await Assert.ThrowsAsync<HttpRequestException>(() => gateway.Connect(ada with { Token = "" }));
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }

    [Fact]
    public async Task Room_codes_that_are_malformed_unknown_or_full_are_refused_and_the_connection_stays_usable()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var host = await gateway.Register("Host");
        await using var client = await RaceClient.Connect(gateway, host);

        Assert.Equal(ErrorCodes.BadRoomCode, await HubErrors.CodeOf(client.Join("no!")));
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(client.Join("ZZZZ22")));
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Http.GetAsync("/api/rooms/ZZZZ22")).StatusCode);

        var code = await gateway.CreateRoom(host, TestGuides.MiniId, 0, "short");
        await client.Join(code);
        for (var i = 0; i < 3; i++)
        {
            await using var member = await RaceClient.Connect(gateway, await gateway.Register($"Member {i}"));
            await member.Join(code);
        }

        await using var fifth = await RaceClient.Connect(gateway, await gateway.Register("Fifth"));
        Assert.Equal(ErrorCodes.RoomFull, await HubErrors.CodeOf(fifth.Join(code)));
        Assert.Equal(HubConnectionState.Connected, fifth.Connection.State);
        Assert.Equal(ErrorCodes.NotInRoom, await HubErrors.CodeOf(fifth.Connection.InvokeAsync("SetReady", code, true)));
    }

    [Fact]
    public async Task Creating_a_room_with_bad_choices_is_refused_over_rest()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var host = await gateway.Register("Host");

        Assert.Equal(ErrorCodes.BadLength, await CreateRoomError(gateway, host, new { guideId = TestGuides.MiniId, paragraphIndex = 0, length = "huge" }));
        Assert.Equal(ErrorCodes.GuideNotFound, await CreateRoomError(gateway, host, new { guideId = "nope", paragraphIndex = 0, length = "short" }));
        Assert.Equal(ErrorCodes.ParagraphOutOfRange, await CreateRoomError(gateway, host, new { guideId = TestGuides.MiniId, paragraphIndex = 500, length = "short" }));
    }

    [Fact]
    public async Task Host_actions_from_a_guest_and_keys_outside_a_race_are_refused()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        await using var guest = await RaceClient.Connect(gateway, await gateway.Register("Guest"));
        var code = await gateway.RoomWith(host, guest);

        Assert.Equal(ErrorCodes.NotHost, await HubErrors.CodeOf(guest.Connection.InvokeAsync("StartRace", code)));
        Assert.Equal(ErrorCodes.NotHost, await HubErrors.CodeOf(guest.Connection.InvokeAsync("KickMember", code, host.Player.PlayerId)));
        Assert.Equal(ErrorCodes.BadLength, await HubErrors.CodeOf(host.Connection.InvokeAsync("ChoosePassage", code, TestGuides.MiniId, 0, "1")));
        Assert.Equal(ErrorCodes.RaceNotStarted, await HubErrors.CodeOf(host.Type(code, ["S"])));

        // A room the connection never joined.
        var other = await gateway.CreateRoom(guest.Player, TestGuides.MiniId, 0, "short");
        Assert.Equal(ErrorCodes.NotInRoom, await HubErrors.CodeOf(host.Type(other, ["S"])));
        Assert.Equal(RoomPhase.Lobby, (await cluster.Grains.GetGrain<IRoomGrain>(code).GetView())!.Phase);
    }

    [Fact]
    public async Task A_flood_of_key_batches_is_rate_limited_without_disturbing_anyone()
    {
        // A slow refill, so the count of accepted batches is the burst whatever the machine's load: the flood
        // may take seconds to go through on a busy CI machine, and each second adds only one batch.
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Gateway:KeyBatchesPerSecond"] = "1";
        settings["Gateway:KeyBatchBurst"] = "80";
        await using var gateway = await GatewayInstance.Start(settings);
        await using var flooder = await RaceClient.Connect(gateway, await gateway.Register("Flooder"));
        await using var calm = await RaceClient.Connect(gateway, await gateway.Register("Calm"));
        var code = await gateway.CreateRoom(flooder.Player, TestGuides.MiniId, 0, "short");
        await flooder.Join(code);
        await calm.Join(code);
        await flooder.Connection.InvokeAsync("StartRace", code);
        await flooder.WaitForView(v => v.Phase == RoomPhase.Racing, "racing");
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();

        // 200 one-key batches at once: far beyond the burst of 80.
        var flood = Enumerable.Range(1, 200)
            .Select(seq => flooder.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(seq, [new KeyPress(keys[(seq - 1) % keys.Count], seq)])))
            .ToList();
        var outcomes = await Task.WhenAll(flood.Select(async call =>
        {
            try
            {
                return (await call).Seq > 0 ? "ok" : "?";
            }
            catch (HubException exception)
            {
                return HubErrors.CodeOf(exception);
            }
        }));

        var accepted = outcomes.Count(o => o == "ok");
        Assert.InRange(accepted, 80, 90);
        Assert.Contains(ErrorCodes.RateLimited, outcomes);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "ok", ErrorCodes.RateLimited, ErrorCodes.OutOfOrder }));

        // The calm racer types on as if nothing happened, and the flooder's connection still works.
        Assert.Equal(10, (await calm.Type(code, keys.Take(10))).Position);
        Assert.Equal(HubConnectionState.Connected, flooder.Connection.State);
        var view = await flooder.Join(code);
        Assert.Equal(accepted, view.You!.LastSeq);
    }

    private static async Task<string?> ErrorCode(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    [Theory]
    [InlineData("00:01:00", "00:01:30", "at most half of Rooms:ObserverExpiry")]
    [InlineData("00:00:00", "00:01:00", "must be positive")]
    public async Task A_relay_that_would_renew_too_late_refuses_to_start(string renewInterval, string observerExpiry, string message)
    {
        var settings = GatewayInstance.CoHosted();
        settings["Relay:RenewInterval"] = renewInterval;
        settings["Rooms:ObserverExpiry"] = observerExpiry;
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayInstance.Start(settings));
        Assert.Contains(message, refusal.Message);
    }

    private static async Task<string> CreateRoomError(GatewayInstance gateway, TestPlayer host, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        var response = await gateway.Http.SendAsync(request);
        Assert.False(response.IsSuccessStatusCode);
        return (await ErrorCode(response))!;
    }
}
