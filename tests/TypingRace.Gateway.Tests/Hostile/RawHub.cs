using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// The hub spoken by hand: a WebSocket to /hubs/race, SignalR's JSON handshake, then any text at all, for the frames
/// a SignalR client never sends (a target that is a number, a missing record separator, a message type that does not
/// exist). Every record the server sends is kept in order; a close is noticed and kept with its reason.
/// </summary>
public sealed class RawHub : IAsyncDisposable
{
    /// <summary>SignalR's JSON protocol ends every message with this character.</summary>
    public const char Separator = '\u001e';

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _records = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private int _invocations;
    private string? _closeMessage;

    private RawHub(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = Task.Run(Read);
    }

    /// <summary>Resolves when the server ends the connection: to the close message's error, or how the socket ended.</summary>
    public Task<string> Closed => _closed.Task;

    public static async Task<RawHub> Connect(Uri gateway, string token)
    {
        var socket = new ClientWebSocket();
        var address = new UriBuilder(gateway) { Scheme = "ws", Path = "/hubs/race", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);
        var hub = new RawHub(socket);
        await hub.SendText("{\"protocol\":\"json\",\"version\":1}" + Separator);
        var handshake = await hub.NextRecord();
        Assert.False(handshake.TryGetProperty("error", out var refused), $"handshake refused: {refused}");
        return hub;
    }

    /// <summary>Sends <paramref name="text"/> exactly as given: the caller adds the separator, or leaves it out.</summary>
    public Task SendText(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>An invocation of <paramref name="target"/> with <paramref name="argumentsJson"/> as its arguments array, answered.</summary>
    public Task<HubAnswer> Invoke(string target, string argumentsJson) =>
        InvokeFrame(id => $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":{argumentsJson}}}");

    /// <summary>Sends the frame <paramref name="frame"/> makes of a fresh invocation id, and waits for that id's completion.</summary>
    public async Task<HubAnswer> InvokeFrame(Func<string, string> frame)
    {
        var id = $"raw-{Interlocked.Increment(ref _invocations)}";
        await SendText(frame(id) + Separator);
        while (true)
        {
            var record = await NextRecord();
            if (record.TryGetProperty("type", out var type) && type.GetInt32() == 3
                && record.TryGetProperty("invocationId", out var answered) && answered.GetString() == id)
            {
                return HubAnswer.Of(record);
            }
        }
    }

    /// <summary>
    /// The probe: leaving a room nobody made is answered room-not-found. It is a real call, so SignalR runs it after the
    /// invocations before it and its answer comes after theirs (a call SignalR cannot bind is answered out of turn).
    /// </summary>
    private const string ProbeArguments = "[\"ZZZZ23\"]";

    /// <summary>Whether the connection still answers the probe.</summary>
    public async Task<bool> StillAnswers()
    {
        try
        {
            return (await Invoke("LeaveRoom", ProbeArguments)).Code == ErrorCodes.RoomNotFound;
        }
        catch (ConnectionClosedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one raw record (the separator added), then a probe: what came back for the record's invocation id
    /// <see cref="FrameId"/>, if anything, and whether the connection still answered the probe afterwards.
    /// </summary>
    public async Task<FrameOutcome> Try(string record)
    {
        await SendText(record + Separator);
        var probe = $"probe-{Interlocked.Increment(ref _invocations)}";
        HubAnswer? answer = null;
        try
        {
            await SendText($"{{\"type\":1,\"invocationId\":\"{probe}\",\"target\":\"LeaveRoom\",\"arguments\":{ProbeArguments}}}{Separator}");
            while (true)
            {
                var next = await NextRecord();
                var id = next.TryGetProperty("invocationId", out var found) ? found.GetString() : null;
                if (id == FrameId)
                {
                    answer = HubAnswer.Of(next);
                }
                else if (id == probe)
                {
                    return new FrameOutcome(answer, Open: HubAnswer.Of(next).Code == ErrorCodes.RoomNotFound, CloseReason: null);
                }
            }
        }
        catch (Exception e) when (e is ConnectionClosedException or WebSocketException)
        {
            return new FrameOutcome(answer, Open: false, CloseReason: await Closed.WaitAsync(Patience));
        }
    }

    /// <summary>The invocation id a record given to <see cref="Try"/> uses when its answer matters.</summary>
    public const string FrameId = "frame";

    /// <summary>The next record the server sent, pings skipped; throws <see cref="ConnectionClosedException"/> once it closed.</summary>
    public async Task<JsonElement> NextRecord()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await _records.Reader.WaitToReadAsync(timeout.Token))
        {
            var record = _records.Reader.TryRead(out var next) ? next : default;
            if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("type", out var type) && type.GetInt32() == 6)
            {
                continue;
            }

            if (record.ValueKind != JsonValueKind.Undefined)
            {
                return record;
            }
        }

        throw new ConnectionClosedException(await Closed);
    }

    private async Task Read()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        var reason = "the socket ended";
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    reason = _closeMessage ?? $"closed by the server with {_socket.CloseStatus}";
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
                Split(pending);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            reason = _closeMessage ?? $"the socket failed: {e.Message}";
        }
        finally
        {
            _records.Writer.TryComplete();
            _closed.TrySetResult(reason);
        }
    }

    /// <summary>Takes every whole record out of <paramref name="pending"/>; a close message (type 7) is kept as the reason.</summary>
    private void Split(StringBuilder pending)
    {
        var text = pending.ToString();
        var end = text.LastIndexOf(Separator);
        if (end < 0)
        {
            return;
        }

        foreach (var part in text[..end].Split(Separator))
        {
            var record = JsonDocument.Parse(part).RootElement.Clone();
            if (record.TryGetProperty("type", out var type) && type.GetInt32() == 7)
            {
                _closeMessage = record.TryGetProperty("error", out var error) ? $"close message: {error.GetString()}" : "close message without an error";
            }

            _records.Writer.TryWrite(record);
        }

        pending.Remove(0, end + 1);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
                // Already going away: nothing more to say to it.
            }
        }

        await _stop.CancelAsync();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>What one raw record led to: its answer if it got one, and whether the connection stayed open.</summary>
public sealed record FrameOutcome(HubAnswer? Answer, bool Open, string? CloseReason)
{
    public override string ToString() =>
        (Answer is null ? "no answer" : $"answered {Answer.Code ?? "without a code: " + Answer.Error}") + (Open ? ", connection open" : $", closed ({CloseReason})");
}

/// <summary>A completion as the raw hub received it: the refusal's code when it has one, or its result.</summary>
public sealed record HubAnswer(string? Error, string? Code, JsonElement? Result)
{
    public static HubAnswer Of(JsonElement completion)
    {
        if (completion.TryGetProperty("error", out var error))
        {
            var text = error.GetString() ?? "";
            return new HubAnswer(text, RaceError.CodeInHubMessage(text), null);
        }

        return new HubAnswer(null, null, completion.TryGetProperty("result", out var result) ? result : null);
    }
}

public sealed class ConnectionClosedException(string reason) : Exception($"The hub closed the connection: {reason}")
{
    public string Reason { get; } = reason;
}
