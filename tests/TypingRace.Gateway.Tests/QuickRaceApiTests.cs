using System.Net;
using System.Net.Http.Json;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>The quick-race REST calls on the test cluster (QuickRace:Size 4, FillWait 1 s): join, wait, leave, match, refusals.</summary>
[Collection(GatewayCollection.Name)]
public sealed class QuickRaceApiTests(RaceCluster cluster)
{
    [Fact]
    public async Task Players_join_a_queue_see_it_fill_leave_it_and_are_matched_into_one_room()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await gateway.Register("Ada");
        var bo = await gateway.Register("Bo");
        var cy = await gateway.Register("Cy");

        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Post, "/api/quick-race", ada.Token, new { length = "huge" }), HttpStatusCode.BadRequest, ErrorCodes.BadLength);
        await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Get, "/api/quick-race", ada.Token), HttpStatusCode.BadRequest, ErrorCodes.BadLength);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Send(HttpMethod.Post, "/api/quick-race", null, new { length = "medium" })).StatusCode);

        // Cy joins and leaves before anyone else comes: he is out at once, and not raced.
        var cyView = await View(await gateway.Send(HttpMethod.Post, "/api/quick-race", cy.Token, new { length = "medium" }));
        Assert.Equal((QuickRaceState.Waiting, 1), (cyView.State, cyView.Waiting));
        Assert.Equal(HttpStatusCode.NoContent, (await gateway.Send(HttpMethod.Delete, "/api/quick-race?length=medium", cy.Token)).StatusCode);
        Assert.Equal(QuickRaceState.None, (await View(await gateway.Send(HttpMethod.Get, "/api/quick-race?length=medium", cy.Token))).State);

        // Ada and Bo: two waiting, then a second later one room for both.
        await View(await gateway.Send(HttpMethod.Post, "/api/quick-race", ada.Token, new { length = "medium", bots = false }));
        var second = await View(await gateway.Send(HttpMethod.Post, "/api/quick-race", bo.Token, new { length = "medium" }));
        Assert.Equal((QuickRaceState.Waiting, 2, 4), (second.State, second.Waiting, second.Size));
        var rooms = new List<string>();
        foreach (var player in new[] { ada, bo })
        {
            var matched = await Eventually.Get(
                async () => await View(await gateway.Send(HttpMethod.Get, "/api/quick-race?length=medium", player.Token)),
                view => view.State == QuickRaceState.Matched,
                $"{player.Name} to be matched");
            rooms.Add(matched.RoomCode!);
        }

        var code = Assert.Single(rooms.Distinct());
        var room = await gateway.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/rooms/{code}", GatewayInstance.Json);
        Assert.Equal(2, room.GetProperty("members").GetArrayLength());
        Assert.Equal(QuickRaceState.None, (await View(await gateway.Send(HttpMethod.Get, "/api/quick-race?length=medium", cy.Token))).State);
    }

    private static async Task<QuickRaceView> View(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<QuickRaceView>(body, GatewayInstance.Json)!;
    }
}
