using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>One player on two devices: a one-time code from the first signs the same player in on the second.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DeviceSignInTests(RaceCluster cluster)
{
    [Fact]
    public async Task A_code_from_one_device_signs_the_same_player_in_on_another_once_with_a_token_of_its_own()
    {
        await using var first = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var second = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await first.Register("Ada");

        var issued = await Send(first, HttpMethod.Post, "/api/players/me/device-code", ada.Token, body: null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Matches("^[A-HJKMNP-Z2-9]{8}$", code);

        // On the other device (another gateway), typed with a space and in lower case as people do.
        var signedIn = await Send(second, HttpMethod.Post, "/api/players/device", token: null, new { code = $"{code[..4].ToLowerInvariant()} {code[4..]}" });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var device = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ada.PlayerId, device.GetProperty("playerId").GetString());
        Assert.Equal("Ada", device.GetProperty("name").GetString());
        var deviceToken = device.GetProperty("token").GetString()!;
        Assert.NotEqual(ada.Token, deviceToken);

        // Both devices are the same player now; the first keeps its token.
        foreach (var token in new[] { ada.Token, deviceToken })
        {
            var me = await (await Send(second, HttpMethod.Get, "/api/players/me", token, body: null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(ada.PlayerId, me.GetProperty("playerId").GetString());
        }

        // A code works once; a made-up or malformed one never.
        await Refused(await Send(second, HttpMethod.Post, "/api/players/device", null, new { code }), ErrorCodes.BadDeviceCode);
        await Refused(await Send(second, HttpMethod.Post, "/api/players/device", null, new { code = "ZZZZZZZZ" }), ErrorCodes.BadDeviceCode);
        await Refused(await Send(second, HttpMethod.Post, "/api/players/device", null, new { code = "short" }), ErrorCodes.BadDeviceCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(second, HttpMethod.Post, "/api/players/me/device-code", token: null, body: null)).StatusCode);
    }

    private static Task Refused(HttpResponseMessage response, string code) =>
        GatewayInstance.ExpectRefusal(response, HttpStatusCode.BadRequest, code, "signing in with a device code");

    private static Task<HttpResponseMessage> Send(GatewayInstance gateway, HttpMethod method, string path, string? token, object? body) =>
        gateway.Send(method, path, token, body);
}
