using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Bench.BareRelay;

/// <summary>
/// JoinRoom and SendKeys as on the TypingRace hub, and every key batch relayed to its room at once as a
/// progress frame. There are no accounts: the access token a client connects with is its player id.
/// </summary>
public sealed class RelayHub(RelayRooms rooms, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/race";

    private const string PlayerKey = "player";
    private const string RoomsKey = "rooms";

    public override Task OnConnectedAsync()
    {
        var player = AccessToken(Context.GetHttpContext());
        if (string.IsNullOrEmpty(player))
        {
            throw new HubException(new RaceError(ErrorCodes.Unauthorized, "Connect with an access token; the relay takes it as your player id.").ToString());
        }

        Context.Items[PlayerKey] = player;
        Context.Items[RoomsKey] = new HashSet<string>(StringComparer.Ordinal);
        return base.OnConnectedAsync();
    }

    public async Task JoinRoom(string code)
    {
        rooms.Join(code, PlayerId);
        JoinedRooms.Add(code);
        await Groups.AddToGroupAsync(Context.ConnectionId, code, Context.ConnectionAborted);
    }

    public async Task<KeyAck> SendKeys(string code, KeyBatch batch)
    {
        var frame = await Relay(code, batch) ?? throw new HubException(NotInRoom(code).ToString());
        return new KeyAck(batch.Seq, 0, 0, Finished: false, Wpm: 0, Accuracy: 0);
    }

    /// <summary>As on the TypingRace hub: no answer; the frame acknowledges the batch, a refusal is an event.</summary>
    public async Task TypeKeys(string code, KeyBatch batch)
    {
        if (await Relay(code, batch) is null)
        {
            var refusal = NotInRoom(code);
            await Clients.Caller.SendAsync("keysRefused", new KeysRefused(code, batch.Seq, refusal.Code, refusal.Message), Context.ConnectionAborted);
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var code in JoinedRooms)
        {
            rooms.Leave(code, PlayerId);
        }

        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The .NET client sends the token as a bearer header, browsers as the access_token query parameter.</summary>
    private static string? AccessToken(HttpContext? http)
    {
        const string Bearer = "Bearer ";
        var header = http?.Request.Headers.Authorization.ToString() ?? "";
        return header.StartsWith(Bearer, StringComparison.Ordinal) ? header[Bearer.Length..] : http?.Request.Query["access_token"].ToString();
    }

    private static RaceError NotInRoom(string code) => new(ErrorCodes.NotInRoom, $"Join the room {code} first.");

    /// <summary>The frame it sent to the room; null when the player is not in it.</summary>
    private async Task<ProgressFrame?> Relay(string code, KeyBatch batch)
    {
        var frame = rooms.Relay(code, PlayerId, batch, clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (frame is not null)
        {
            await Clients.Group(code).SendAsync("progress", frame, Context.ConnectionAborted);
        }

        return frame;
    }

    private string PlayerId => (string)Context.Items[PlayerKey]!;

    // SignalR runs one invocation of a connection at a time, so the set needs no lock.
    private HashSet<string> JoinedRooms => (HashSet<string>)Context.Items[RoomsKey]!;
}
