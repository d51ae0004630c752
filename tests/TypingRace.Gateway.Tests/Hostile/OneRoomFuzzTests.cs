using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Issue 14's first defect, a player in two rooms at once (JoinRoom A, JoinRoom B, LeaveRoom B), held to the rule from
/// every way into a room: the hub's JoinRoom and LeaveRoom (from two connections of the same player at once, too),
/// creating a room over REST, and a quick race. After every step of a seeded sequence, the player's record
/// (GET /api/players/me, roomCode) and the member lists of every room the test knows agree on one room at most.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OneRoomFuzzTests(RaceCluster cluster, ITestOutputHelper output)
{
    private const int Steps = 40;

    [Fact]
    public async Task A_player_is_in_at_most_one_room_after_every_step_from_every_way_in()
    {
        output.WriteLine($"seed {FuzzSeed.Value} {FuzzSeed.Replay}");
        // About 45 room actions on two connections, as fast as the machine goes: the bucket is opened wide, so that a
        // fast machine does not meet its refill (a CI run did).
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOfWithoutRoomActionLimit(cluster));
        var rooms = new List<string>();
        foreach (var owner in (string[])["Olga", "Otto"])
        {
            rooms.Add(await gateway.CreateRoom(await gateway.Register(owner), TestGuides.MiniId, 0, "short"));
        }

        var player = await gateway.Register("Wanderer");
        await using var phone = await RaceClient.Connect(gateway, player);
        await using var laptop = await RaceClient.Connect(gateway, player);
        var check = new Membership(gateway, player, rooms, output);

        // The sequence the independent client reported.
        await check.After("JoinRoom A", () => Join(phone, rooms[0]));
        await check.After("JoinRoom B", () => Join(phone, rooms[1]));
        await check.After("LeaveRoom B", () => Leave(phone, rooms[1]));

        var random = new Random(FuzzSeed.Value);
        var quickRaceAt = random.Next(Steps);
        for (var step = 0; step < Steps; step++)
        {
            var (name, action) = step == quickRaceAt ? ("a quick race", () => QuickRace(gateway, player, rooms)) : Pick(random, phone, laptop, gateway, player, rooms);
            await check.After($"step {step}: {name}", action);
        }
    }

    /// <summary>One seeded step through one of the ways into or out of a room.</summary>
    private static (string Name, Func<Task> Action) Pick(Random random, RaceClient phone, RaceClient laptop, GatewayInstance gateway, TestPlayer player, List<string> rooms)
    {
        var room = rooms[random.Next(rooms.Count)];
        var other = rooms[random.Next(rooms.Count)];
        return random.Next(5) switch
        {
            0 => ($"JoinRoom {room}", () => Join(phone, room)),
            1 => ($"LeaveRoom {room}", () => Leave(phone, room)),
            2 => ("a room created over REST", () => Create(gateway, player, rooms)),
            3 => ($"JoinRoom {room} and {other} from two connections at once", () => Task.WhenAll(Join(laptop, room), Join(phone, other))),
            _ => ($"JoinRoom {room} from the second connection", () => Join(laptop, room)),
        };
    }

    /// <summary>Joining may be refused (a full room, one that expired): the rule must hold either way.</summary>
    private static async Task Join(RaceClient client, string room)
    {
        try
        {
            await client.Join(room);
        }
        catch (HubException refused)
        {
            Assert.True(DocumentedErrors.IsDocumented(HubErrors.CodeOf(refused)), refused.Message);
        }
    }

    private static async Task Leave(RaceClient client, string room)
    {
        try
        {
            await client.Connection.InvokeAsync("LeaveRoom", room);
        }
        catch (HubException refused)
        {
            Assert.True(HubErrors.CodeOf(refused) is ErrorCodes.NotInRoom or ErrorCodes.RoomNotFound, refused.Message);
        }
    }

    private static async Task Create(GatewayInstance gateway, TestPlayer player, List<string> rooms) =>
        rooms.Add(await gateway.CreateRoom(player, TestGuides.MiniId, 0, "short"));

    /// <summary>Queues for a short quick race with bots and waits to be matched: alone, the player races bots after QuickRace:AloneWait.</summary>
    private static async Task QuickRace(GatewayInstance gateway, TestPlayer player, List<string> rooms)
    {
        var joined = await gateway.Send(HttpMethod.Post, "/api/quick-race", player.Token, new { length = "short", bots = true });
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var matched = await Eventually.Get(
            async () => await gateway.Http.SendAsync(Get("/api/quick-race?length=short", player.Token)).ContinueWith(r => r.Result.Content.ReadFromJsonAsync<JsonElement>()).Unwrap(),
            view => view.GetProperty("state").GetString() == "matched", "the quick race to match the player");
        rooms.Add(matched.GetProperty("roomCode").GetString()!);
    }

    private static HttpRequestMessage Get(string path, string token) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) } };

    /// <summary>Where the player is, by its own record and by every room's member list, after each step.</summary>
    private sealed class Membership(GatewayInstance gateway, TestPlayer player, List<string> rooms, ITestOutputHelper output)
    {
        public async Task After(string step, Func<Task> action)
        {
            await action();
            var record = (await gateway.Send(HttpMethod.Get, "/api/players/me", player.Token).ContinueWith(r => r.Result.Content.ReadFromJsonAsync<JsonElement>()).Unwrap())
                .GetProperty("roomCode") is { ValueKind: JsonValueKind.String } code ? code.GetString() : null;
            var inRooms = new List<string>();
            foreach (var room in rooms.Distinct())
            {
                if (await gateway.Send(HttpMethod.Get, $"/api/rooms/{room}") is { StatusCode: HttpStatusCode.OK } found
                    && (await found.Content.ReadFromJsonAsync<RoomView>(GatewayInstance.Json))!.Members.Any(m => m.PlayerId == player.PlayerId))
                {
                    inRooms.Add(room);
                }
            }

            output.WriteLine($"{step}: record says {record ?? "no room"}, member of [{string.Join(", ", inRooms)}]");
            Assert.True(inRooms.Count <= 1, $"after {step} the player is a member of {string.Join(" and ", inRooms)} {FuzzSeed.Replay}");
            Assert.True(inRooms.SingleOrDefault() == record, $"after {step} the player's record says {record ?? "no room"} but the rooms say [{string.Join(", ", inRooms)}] {FuzzSeed.Replay}");
        }
    }
}
