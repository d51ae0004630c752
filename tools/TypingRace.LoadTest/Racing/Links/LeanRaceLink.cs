using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// A SignalR client for the load tool only: the JSON hub protocol (handshake, invocations and their completions, pings,
/// close) over one <see cref="ClientWebSocket"/>, with one receive buffer and one send buffer per connection. Progress
/// frames are read in place by <see cref="ProgressReader"/>. The official client builds every message as objects and
/// hops through the thread pool for each; at thousands of racers that was most of the generator's CPU.
/// Keys go as the browser sends them: TypeKeys with no completion, acknowledged by the player's own entry in the
/// frames, refused by a keysRefused event.
/// </summary>
public sealed class LeanRaceLink(Uri server, string token, string playerId) : IRaceLink
{
    // The hub's default KeepAliveInterval; it drops a client it has not heard from for twice that (ClientTimeoutInterval).
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket socket = new();
    private readonly CancellationTokenSource lifetime = new();
    private readonly TaskCompletionSource handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, Pending> pending = [];

    // Continuations inline: the racer's next batch goes out from the receive loop, without a hop through the pool.
    private readonly KeyAcks acks = new(playerId, inline: true);
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> outgoing = new(1024);
    private readonly Utf8JsonWriter json = new(Stream.Null);

    private Action<RoomView>? roomChanged;
    private (ProgressReader Reader, ProgressSeen Handler)? progress;
    private Task receiving = Task.CompletedTask;
    private Task keepingAlive = Task.CompletedTask;
    private long nextInvocation;
    private long lastSentAt;
    private bool handshaken;
    private int disposed;

    // Set when the receive loop ends: calls made after fail at once instead of waiting for an answer that cannot come.
    private Exception? closed;

    public event Func<Exception?, Task>? Closed;

    public async Task Start(CancellationToken cancellationToken)
    {
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR pings instead
        var address = new UriBuilder(new Uri(server, RaceLinks.HubPath)) { Scheme = server.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(address, cancellationToken);
        await Send(0, static (_, _, output) => output.Write(HubRecords.Handshake), cancellationToken);
        receiving = Receive();
        await handshake.Task.WaitAsync(cancellationToken);
        keepingAlive = KeepSendingPings();
    }

    public Task Invoke(string method, string code, CancellationToken cancellationToken) =>
        Call<JsonElement>(method, code, cancellationToken);

    public Task<T> Invoke<T>(string method, string code, CancellationToken cancellationToken) =>
        Call<T>(method, code, cancellationToken);

    public Task<KeyAck> SendKeys(string code, KeyBatch batch, CancellationToken cancellationToken) =>
        acks.Send(
            batch.Seq,
            () => Send(
                (code, batch),
                static (json, call, output) => HubRecords.Invocation(json, output, invocationId: null, "TypeKeys", call.code, call.batch),
                cancellationToken),
            cancellationToken);

    public void OnRoomChanged(Action<RoomView> handler) => roomChanged = handler;

    public void OnProgress(RaceRoom room, ProgressSeen handler) => progress = (new ProgressReader(room), handler);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        Closed = null;
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            // After any send in flight: a WebSocket takes one send at a time, the close frame included.
            await sending.WaitAsync(timeout.Token);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception closing) when (closing is WebSocketException or OperationCanceledException)
        {
            // Closing is a courtesy; the socket goes below either way.
        }

        await lifetime.CancelAsync();
        socket.Abort();
        await Task.WhenAll(receiving, keepingAlive);
        socket.Dispose();
        lifetime.Dispose();
    }

    /// <summary>An invocation with the room code as its one argument, answered by its completion.</summary>
    private async Task<TResult> Call<TResult>(string method, string code, CancellationToken cancellationToken)
    {
        var call = new Pending<TResult>();
        long id;
        lock (pending)
        {
            if (closed is not null)
            {
                throw closed;
            }

            id = ++nextInvocation;
            pending.Add(id, call);
        }

        try
        {
            await Send(
                (id, method, code),
                static (json, call, output) => HubRecords.Invocation<object>(json, output, call.id, call.method, call.code, second: null),
                cancellationToken);
            return await call.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (pending)
            {
                pending.Remove(id);
            }
        }
    }

    /// <summary>One record at a time: a WebSocket takes one send at once, and the buffers are shared.</summary>
    private async Task Send<TState>(TState state, Action<Utf8JsonWriter, TState, ArrayBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            outgoing.ResetWrittenCount();
            json.Reset(outgoing);
            write(json, state, outgoing);
            await socket.SendAsync(outgoing.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            Volatile.Write(ref lastSentAt, Environment.TickCount64);
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task Receive()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        var filled = 0;
        Exception? error = null;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var received = await socket.ReceiveAsync(buffer.AsMemory(filled), lifetime.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    error = new WebSocketException($"The server closed the connection ({socket.CloseStatus}: {socket.CloseStatusDescription}).");
                    return;
                }

                var start = 0;
                var scanFrom = filled;
                filled += received.Count;
                int separator;
                while ((separator = buffer.AsSpan(scanFrom, filled - scanFrom).IndexOf(HubRecord.Separator)) >= 0)
                {
                    var end = scanFrom + separator;
                    if (Dispatch(buffer.AsSpan(start, end - start)) is { } closedBy)
                    {
                        error = closedBy;
                        return;
                    }

                    start = scanFrom = end + 1;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception failure) when (!lifetime.IsCancellationRequested)
        {
            // Whatever ended the loop (the socket, a message it could not read, a handler) is why the connection is gone.
            error = failure;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await Ended(error);
        }
    }

    /// <summary>Handles one record; an exception when it ends the connection.</summary>
    private Exception? Dispatch(ReadOnlySpan<byte> record)
    {
        if (!handshaken)
        {
            handshaken = true;
            var reply = HubRecord.Parse(record);
            if (reply.Error is { } refused)
            {
                return new HubException($"The hub refused the handshake: {refused}");
            }

            handshake.TrySetResult();
            return null;
        }

        var message = HubRecord.Parse(record);
        switch (message.Type)
        {
            case HubMessageType.Invocation when message.Target == Target.Progress && progress is var (reader, handler):
                var racers = reader.Read(message.Payload, out var raceNumber);
                acks.SeeFrame(raceNumber, racers);
                handler(raceNumber, racers);
                break;
            case HubMessageType.Invocation when message.Target == Target.RoomChanged:
                var view = JsonSerializer.Deserialize<RoomView>(HubRecord.FirstArgument(message.Payload), RaceLinks.Json)!;
                acks.SeeView(view);
                roomChanged?.Invoke(view);
                break;
            case HubMessageType.Invocation when message.Target == Target.KeysRefused:
                acks.Refused(JsonSerializer.Deserialize<KeysRefused>(HubRecord.FirstArgument(message.Payload), RaceLinks.Json)!);
                break;
            case HubMessageType.Completion:
                Pending? call;
                lock (pending)
                {
                    pending.TryGetValue(message.InvocationId, out call);
                }

                if (message.Error is { } refusal)
                {
                    call?.Fail(new HubException(refusal));
                }
                else
                {
                    call?.Complete(message.Payload);
                }

                break;
            case HubMessageType.Close:
                return new HubException($"The server closed the connection: {message.Error ?? "no reason given"}.");
        }

        return null;
    }

    private async Task Ended(Exception? error)
    {
        handshake.TrySetException(error ?? new OperationCanceledException("The connection closed before the handshake."));
        var gone = error ?? new OperationCanceledException("The connection was closed.");
        List<Pending> waiting;
        lock (pending)
        {
            closed = gone;
            waiting = [.. pending.Values];
        }

        acks.Close(gone);
        foreach (var call in waiting)
        {
            call.Fail(gone);
        }

        if (Volatile.Read(ref disposed) == 0 && Closed is { } lost)
        {
            await lost(error);
        }
    }

    /// <summary>The hub drops a client that sent nothing for 30 s; a racer between races may send nothing for that long.</summary>
    private async Task KeepSendingPings()
    {
        using var timer = new PeriodicTimer(KeepAlive / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(lifetime.Token))
            {
                if (Environment.TickCount64 - Volatile.Read(ref lastSentAt) >= KeepAlive.TotalMilliseconds)
                {
                    await Send(0, static (_, _, output) => output.Write(HubRecords.Ping), lifetime.Token);
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (WebSocketException)
        {
            // The connection is gone; the receive loop reports it.
        }
    }

    /// <summary>An invocation waiting for its completion.</summary>
    private abstract class Pending
    {
        public abstract void Complete(ReadOnlySpan<byte> result);

        public abstract void Fail(Exception error);
    }

    private sealed class Pending<T> : Pending
    {
        private readonly TaskCompletionSource<T> completion = new();

        public Task<T> Task => completion.Task;

        public override void Complete(ReadOnlySpan<byte> result)
        {
            try
            {
                completion.TrySetResult(result.IsEmpty ? default! : JsonSerializer.Deserialize<T>(result, RaceLinks.Json)!);
            }
            catch (JsonException unreadable)
            {
                completion.TrySetException(unreadable);
            }
        }

        public override void Fail(Exception error) => completion.TrySetException(error);
    }
}
