using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using System.Text.Json;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// The people a hostile client must not touch: a room of two honest players (a host and a guest, connected over the
/// hub) and a third player in no room. <see cref="Snapshot"/> is everything they can see of themselves, taken before
/// an attack and compared after it.
/// </summary>
public sealed class Bystanders : IAsyncDisposable
{
    private Bystanders(GatewayInstance gateway, RaceClient host, RaceClient guest, TestPlayer loner, string room)
    {
        Gateway = gateway;
        Host = host;
        Guest = guest;
        Loner = loner;
        Room = room;
    }

    public GatewayInstance Gateway { get; }

    public RaceClient Host { get; }

    public RaceClient Guest { get; }

    /// <summary>A player in no room, whose id an attacker can still name.</summary>
    public TestPlayer Loner { get; }

    public string Room { get; }

    public IEnumerable<TestPlayer> Players => [Host.Player, Guest.Player, Loner];

    public static async Task<Bystanders> Seat(GatewayInstance gateway)
    {
        var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        var guest = await RaceClient.Connect(gateway, await gateway.Register("Guest"));
        var room = await gateway.RoomWith(host, guest);
        await guest.Connection.InvokeAsync("SetReady", room, true);
        return new Bystanders(gateway, host, guest, await gateway.Register("Loner"), room);
    }

    /// <summary>
    /// What the bystanders see, as text to compare: each one's /api/players/me, their stats and leaderboard rank, the
    /// room over REST (members with their roles and readiness, host, phase, passage), and the room as the host's and the
    /// guest's connections last heard it. Clocks (serverTime) are left out: they move on their own.
    /// </summary>
    public async Task<string> Snapshot()
    {
        var lines = new List<string>();
        foreach (var player in Players)
        {
            lines.Add($"me {player.Name}: {await Read($"/api/players/me", player.Token)}");
            lines.Add($"stats {player.Name}: {Project(await Json($"/api/players/{player.PlayerId}/stats"), "stats")}");
            lines.Add($"rank {player.Name}: {await Read($"/api/leaderboards/rank?scope=global&period=allTime&ranking=speed&playerId={player.PlayerId}")}");
        }

        lines.Add($"room over REST: {Describe((await Gateway.Http.GetFromJsonAsync<RoomView>($"/api/rooms/{Room}", GatewayInstance.Json))!)}");
        lines.Add($"room seen by the host: {Describe(Host.LatestView!)}");
        lines.Add($"room seen by the guest: {Describe(Guest.LatestView!)}");
        lines.Add($"connections: {Host.Connection.State} {Guest.Connection.State}");
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Waits for the bystanders to see what they saw before: an attacker who joined their room and left again changed
    /// the views in between, and the last roomChanged reaches their connections a moment after the leave.
    /// </summary>
    public async Task ExpectUnchanged(string before, string context)
    {
        try
        {
            await Eventually.Get(Snapshot, now => now == before, $"the bystanders' view to be as before {context}", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The bystanders' view changed {context} {FuzzSeed.Replay}.\nBefore:\n{before}\nNow:\n{await Snapshot()}");
        }
    }

    public static string Describe(RoomView view) =>
        $"{view.Code} {view.Phase} race {view.RaceNumber} host {view.HostId} passage {view.Guide.Id}:{view.Passage.FirstParagraphIndex}:{view.Passage.Length} members "
        + string.Join(", ", view.Members.Select(m => $"{m.PlayerId} {m.Name} {m.Role} ready={m.Ready} connected={m.Connected} bot={m.IsBot}"));

    private async Task<string> Read(string path, string? token = null)
    {
        var answer = await RestAnswer.Of(await Gateway.Send(HttpMethod.Get, path, token));
        return $"{answer.Status} {answer.Body}";
    }

    private async Task<JsonElement> Json(string path) => await Gateway.Http.GetFromJsonAsync<JsonElement>(path, GatewayInstance.Json);

    private static string Project(JsonElement element, string property) => element.GetProperty(property).GetRawText();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Guest.DisposeAsync();
    }
}
