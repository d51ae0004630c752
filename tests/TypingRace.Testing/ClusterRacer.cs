using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Abstractions;

namespace TypingRace.Testing;

/// <summary>
/// A racer's client through nginx as docs/protocol.md asks of one: WebSockets without negotiate; it keeps every batch
/// the room has not stored, and when a call fails (room-unavailable, a dropped or draining gateway) it connects
/// again, rejoins, and resends what the room lost.
/// </summary>
public sealed class ClusterRacer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly Uri _address;
    private Uri _hub;
    private int _hintsAsked;
    private readonly List<KeyBatch> _unstored = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HubConnection _connection = null!;
    private string? _room;

    private ClusterRacer(Uri address, Uri hub, Identity player)
    {
        _address = address;
        _hub = hub;
        Player = player;
    }

    public Identity Player { get; }

    public ConcurrentQueue<RoomView> Views { get; } = new();

    public ConcurrentQueue<ProgressFrame> Frames { get; } = new();

    /// <summary>Why each connection of this client closed, for the message of a failed test.</summary>
    public ConcurrentQueue<string> Closes { get; } = new();

    public long LastSeq { get; private set; }

    /// <summary>Batches sent again after the room lost them.</summary>
    public int Resent { get; private set; }

    /// <summary>Keys in those batches.</summary>
    public int ResentKeys { get; private set; }

    /// <summary>When each progress frame arrived, for measuring how long a failover kept the race still.</summary>
    public ConcurrentQueue<(DateTimeOffset At, ProgressFrame Frame)> TimedFrames { get; } = new();

    /// <summary>Times this client was told to move because its gateway was draining.</summary>
    public int Drained { get; private set; }

    public sealed record Identity(string PlayerId, string Name, string Token);

    /// <param name="firstHub">Where the first connection goes (one gateway, directly); every reconnect goes to <paramref name="address"/>.</param>
    public static async Task<ClusterRacer> Register(Uri address, string name, Uri? firstHub = null)
    {
        using var http = new HttpClient { BaseAddress = address };
        var response = await http.PostAsJsonAsync("/api/players", new { name });
        response.EnsureSuccessStatusCode();
        var racer = new ClusterRacer(address, firstHub ?? address, (await response.Content.ReadFromJsonAsync<Identity>(Json))!);
        await racer.Connect();
        return racer;
    }

    public async Task<string> CreateRoom(string guideId, int paragraphIndex, string length)
    {
        using var http = new HttpClient { BaseAddress = _address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms") { Content = JsonContent.Create(new { guideId, paragraphIndex, length }) };
        request.Headers.Authorization = new("Bearer", Player.Token);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("code").GetString()!;
    }

    public async Task<RoomView> Join(string code)
    {
        _room = code;
        return await Rejoin();
    }

    public Task Invoke(string method, params object[] args) => _connection.InvokeCoreAsync(method, args);

    /// <summary>Asks for a hint; the room may lose it in a failover, so the client counts what it asked for.</summary>
    public async Task<HintReply> RequestHint()
    {
        _hintsAsked++;
        return await _connection.InvokeAsync<HintReply>("RequestHint", _room);
    }

    /// <summary>
    /// Sends the keys, each stamped with the time since the race started as a browser's clock has it; the race's
    /// figures are read from the results, since a resent batch has no ack of its own here.
    /// </summary>
    public async Task Type(IEnumerable<string> keys, int batchSize = 10)
    {
        foreach (var chunk in keys.Chunk(batchSize))
        {
            var startsAt = Views.LastOrDefault(v => v.CountdownEndsAt is not null)?.CountdownEndsAt ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var clientMs = Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - startsAt);
            var batch = new KeyBatch(++LastSeq, [.. chunk.Select(key => new KeyPress(key, clientMs))]);
            _unstored.Add(batch);
            await Send(batch);
        }
    }

    public async Task<RoomView> WaitForView(Func<RoomView, bool> done, string what, TimeSpan? timeout = null)
    {
        try
        {
            return (await Eventually.Get(() => Task.FromResult(Views.LastOrDefault()), view => view is not null && done(view), what, timeout ?? TimeSpan.FromSeconds(60)))!;
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"{Player.Name}: {exception.Message} (views: {Views.Count}, connection: {_connection.State}, closed: {string.Join("; ", Closes)})", exception);
        }
    }

    public int SeenPosition(string playerId) => Frames.LastOrDefault()?.Racers.FirstOrDefault(r => r.PlayerId == playerId)?.Position ?? -1;

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task Send(KeyBatch batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var ack = await _connection.InvokeAsync<KeyAck>("SendKeys", _room, batch);
                _unstored.RemoveAll(kept => kept.Seq <= ack.StoredSeq);
                return;
            }
            catch (Exception exception) when (attempt < 5 && Recoverable(exception))
            {
                // The resend carries this batch too, unless the room had it already.
                if ((await RecoverAndResend()).LastSeq >= batch.Seq)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Connects again if the connection is gone, rejoins, and resends every kept batch the room does not hold.</summary>
    private async Task<YouView> RecoverAndResend()
    {
        var view = await Rejoin();
        var you = view.You!;
        foreach (var lost in _unstored.Where(kept => kept.Seq > you.LastSeq).OrderBy(kept => kept.Seq).ToList())
        {
            var ack = await _connection.InvokeAsync<KeyAck>("SendKeys", _room, lost with { Resent = true });
            Resent++;
            ResentKeys += lost.Keys.Length;
            _unstored.RemoveAll(kept => kept.Seq <= ack.StoredSeq);
        }

        // Hints are not in the batches: ask again for those the room lost.
        you = (await Rejoin()).You!;
        for (var hints = you.Hints; hints < _hintsAsked; hints++)
        {
            await _connection.InvokeAsync<HintReply>("RequestHint", _room);
        }

        return (await Rejoin()).You!;
    }

    private async Task<RoomView> Rejoin()
    {
        return await Eventually.Get(
            async () =>
            {
                try
                {
                    if (_connection.State != HubConnectionState.Connected)
                    {
                        await Reconnect();
                    }

                    return await _connection.InvokeAsync<RoomView>("JoinRoom", _room);
                }
                catch (Exception exception) when (Recoverable(exception))
                {
                    return null;
                }
            },
            view => view is not null,
            $"{Player.Name} to rejoin {_room}",
            TimeSpan.FromSeconds(90)) ?? throw new InvalidOperationException("unreachable");
    }

    private async Task Connect()
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_hub, "/hubs/race"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(Player.Token);
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions = Json)
            .Build();
        _connection.Closed += error =>
        {
            Closes.Enqueue(error?.Message ?? "closed");
            return Task.CompletedTask;
        };
        _connection.On<RoomView>("roomChanged", view => Views.Enqueue(view));
        _connection.On<ProgressFrame>("progress", frame =>
        {
            Frames.Enqueue(frame);
            TimedFrames.Enqueue((DateTimeOffset.UtcNow, frame));
        });
        _connection.On<int>("draining", _ =>
        {
            // Move when the next call fails or now: stop this connection so the next call reconnects through nginx.
            Drained++;
            return _connection.StopAsync();
        });
        await _connection.StartAsync();
    }

    private async Task Reconnect()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection.State == HubConnectionState.Connected)
            {
                return;
            }

            await _connection.DisposeAsync();
            _hub = _address;
            await Connect();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool Recoverable(Exception exception) =>
        exception is HubException hub ? RaceError.CodeInHubMessage(hub.Message) == ErrorCodes.RoomUnavailable
        : exception is InvalidOperationException or IOException or HttpRequestException or TaskCanceledException
            or System.Net.WebSockets.WebSocketException;
}
