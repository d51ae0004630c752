using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Abstractions;
using TypingRace.Gateway.Identity;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// A token lasts until its player rotates it or signs out: rotating replaces one device's token, signing out everywhere
/// ends every other device's and the codes it issued, and an open hub connection made with a dead token is closed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TokenLifetimeTests(RaceCluster cluster)
{
    [Fact]
    public async Task Rotating_signing_out_and_signing_out_everywhere_end_the_old_tokens_and_their_connections()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await gateway.Register("Ada");

        // Rotating: the old token stops working, the new one is the same player.
        var rotated = await NewToken(gateway, "/api/players/me/token", ada.Token);
        await ExpectSignedOut(gateway, ada.Token);
        Assert.Equal(ada.PlayerId, await PlayerOf(gateway, rotated));

        // A second device, connected to the hub and in a room.
        var phone = await SignInAnotherDevice(gateway, rotated);
        await using var phoneHub = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway.Address, "/hubs/race"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(phone))
            .AddJsonProtocol(options => options.PayloadSerializerOptions = GatewayInstance.Json)
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phoneHub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await phoneHub.StartAsync();
        var code = await gateway.CreateRoom(ada with { Token = phone }, TestGuides.MiniId, 0, "short");
        await phoneHub.InvokeAsync<RoomView>("JoinRoom", code);

        // A code the phone got ready to sign in yet another device with.
        var pending = await IssueCode(gateway, phone);

        // Signing out everywhere from the laptop: the phone's token is dead, the laptop gets a fresh one, and the
        // code the phone issued signs nobody in.
        var fresh = await NewToken(gateway, "/api/players/me/sign-out-everywhere", rotated);
        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Post, "/api/players/device", body: new { code = pending }),
            HttpStatusCode.BadRequest, ErrorCodes.BadDeviceCode, "a code issued before signing out everywhere");
        await ExpectSignedOut(gateway, rotated);
        await ExpectSignedOut(gateway, phone);
        Assert.Equal(ada.PlayerId, await PlayerOf(gateway, fresh));

        // The phone's open connection, which calls nothing, is closed at the next sweep (every 30 s; run here at once),
        // and it cannot come back. The laptop's own connection would be closed too: its old token is gone as well.
        await gateway.Services.GetRequiredService<TokenSweep>().Sweep(CancellationToken.None);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, phoneHub.State);
        var reconnect = await Assert.ThrowsAsync<HttpRequestException>(() => phoneHub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, reconnect.StatusCode);

        // Signing out this device: its token is dead; nothing else is left signed in.
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Send(HttpMethod.Delete, "/api/players/me/token", fresh)).StatusCode);
        await ExpectSignedOut(gateway, fresh);

        // Without a token there is nothing to rotate.
        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Post, "/api/players/me/token"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized, "rotating with no token");
    }

    private static async Task<string> NewToken(GatewayInstance gateway, string path, string token)
    {
        var response = await gateway.Send(HttpMethod.Post, path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.NotEqual(token, issued);
        return issued;
    }

    private static async Task<string> IssueCode(GatewayInstance gateway, string token)
    {
        var issued = await gateway.Send(HttpMethod.Post, "/api/players/me/device-code", token);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private static async Task<string> SignInAnotherDevice(GatewayInstance gateway, string token)
    {
        var code = await IssueCode(gateway, token);
        var signedIn = await gateway.Send(HttpMethod.Post, "/api/players/device", body: new { code });
        return (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<string> PlayerOf(GatewayInstance gateway, string token)
    {
        var me = await gateway.Send(HttpMethod.Get, "/api/players/me", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("playerId").GetString()!;
    }

    private static async Task ExpectSignedOut(GatewayInstance gateway, string token) =>
        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Get, "/api/players/me", token), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized, "a signed-out token");
}
