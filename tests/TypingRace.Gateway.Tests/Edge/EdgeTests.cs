using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TypingRace.Abstractions;
using TypingRace.Gateway.Edge;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests.Edge;

/// <summary>
/// What every answer carries, who may open the hub from a page, and whose word is taken for the client's address:
/// a forwarded address counts for the rate limits only when a trusted proxy sent it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class EdgeTests(RaceCluster cluster)
{
    [Fact]
    public async Task Pages_api_answers_and_refusals_carry_the_security_headers_and_no_server_header()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        foreach (var path in new[] { "/", "/r/K7MQ2D", "/js/app.js", "/api/guides", "/api/no-such-thing", "/api/players/me" })
        {
            using var response = await gateway.Http.GetAsync(path);
            var headers = response.Headers;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Equal(SecurityHeaders.PermissionsPolicy, headers.GetValues("Permissions-Policy").Single());
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.False(headers.Contains("Server"), $"{path} names the server");
        }
    }

    [Fact]
    public async Task The_hub_opens_from_its_own_origin_a_configured_one_or_no_browser_and_refuses_other_sites()
    {
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Edge:AllowedOrigins:0"] = "https://typing.example.org";
        await using var gateway = await GatewayInstance.Start(settings);
        var ada = await gateway.Register("Ada");

        using var negotiated = await Negotiate(gateway, ada, origin: null);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        // WebSockets only: a long poll would hold no connection for the per-IP cap to count.
        var transports = (await negotiated.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("availableTransports");
        Assert.Equal(["WebSockets"], transports.EnumerateArray().Select(transport => transport.GetProperty("transport").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(gateway, ada, $"http://{gateway.Address.Authority}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(gateway, ada, "https://typing.example.org")).StatusCode);
        // nginx's $host drops the port: the page's own origin is still its own.
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(gateway, ada, $"http://{gateway.Address.Authority}", host: gateway.Address.Host)).StatusCode);
        foreach (var foreign in new[] { "https://evil.example", "http://typing.example.org", $"http://{gateway.Address.Host}:1", "null" })
        {
            await GatewayInstance.ExpectRefusal(await Negotiate(gateway, ada, foreign), HttpStatusCode.Forbidden, ErrorCodes.OriginNotAllowed, $"a page on {foreign}");
        }

        // The race itself works from the gateway's own origin, as the browser opens it.
        await using var client = await RaceClient.Connect(gateway, ada);
        Assert.Equal(ada.PlayerId, (await client.Join(await gateway.CreateRoom(ada, TestGuides.MiniId, 0, "short"))).HostId);
    }

    [Fact]
    public async Task A_forwarded_address_counts_for_the_limits_only_from_a_trusted_proxy()
    {
        // Loopback is trusted by default, as nginx on the same machine is: each forwarded client has its own budget.
        await using (var behindNginx = await GatewayInstance.Start(TwoAccountsPerIp(trustedProxies: null)))
        {
            await Register(behindNginx, "203.0.113.7", HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests);
            await Register(behindNginx, "203.0.113.8", HttpStatusCode.Created);
            // A client cannot pose as another by adding its own X-Forwarded-For before the proxy's: the proxy's is last.
            await Register(behindNginx, "203.0.113.9, 203.0.113.7", HttpStatusCode.TooManyRequests);
        }

        // When the trusted proxies are elsewhere, a loopback caller's X-Forwarded-For is ignored: it is one client.
        await using var direct = await GatewayInstance.Start(TwoAccountsPerIp(trustedProxies: "10.0.0.0/8"));
        await Register(direct, "203.0.113.7", HttpStatusCode.Created);
        await Register(direct, "203.0.113.8", HttpStatusCode.Created, HttpStatusCode.TooManyRequests);
    }

    private Dictionary<string, string?> TwoAccountsPerIp(string? trustedProxies)
    {
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Limits:Enabled"] = "true";
        settings["Limits:Accounts:Burst"] = "2";
        settings["Limits:Accounts:Per"] = "01:00:00";
        if (trustedProxies is not null)
        {
            settings["Edge:TrustedProxies:0"] = trustedProxies;
        }

        return settings;
    }

    private static async Task Register(GatewayInstance gateway, string forwardedFor, params HttpStatusCode[] expected)
    {
        foreach (var status in expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/players") { Content = JsonContent.Create(new { name = "Pupil" }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await gateway.Http.SendAsync(request);
            Assert.True(status == response.StatusCode, $"as {forwardedFor}: {(int)response.StatusCode}, not {(int)status}");
        }
    }

    private static async Task<HttpResponseMessage> Negotiate(GatewayInstance gateway, TestPlayer player, string? origin, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/race/negotiate?negotiateVersion=1");
        request.Headers.Host = host;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", player.Token);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await gateway.Http.SendAsync(request);
    }
}
