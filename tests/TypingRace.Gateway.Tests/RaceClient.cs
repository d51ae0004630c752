using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>A SignalR racer that records what the room tells it and sends keys as the protocol says.</summary>
public sealed class RaceClient(TestPlayer player, HubConnection connection) : IAsyncDisposable
{
    private long _seq;

    public TestPlayer Player { get; } = player;

    public HubConnection Connection { get; } = connection;

    public ConcurrentQueue<ProgressFrame> Frames { get; } = new();

    public ConcurrentQueue<RoomView> Views { get; } = new();

    public static async Task<RaceClient> Connect(GatewayInstance gateway, TestPlayer player)
    {
        var client = new RaceClient(player, await gateway.Connect(player));
        client.Connection.On<ProgressFrame>("progress", frame => client.Frames.Enqueue(frame));
        client.Connection.On<RoomView>("roomChanged", view => client.Views.Enqueue(view));
        return client;
    }

    /// <summary>Joins over the hub and keeps the view it answers, as the browser does: a room already racing says so only there.</summary>
    public async Task<RoomView> Join(string code)
    {
        var view = await Connection.InvokeAsync<RoomView>("JoinRoom", code);
        Views.Enqueue(view);
        return view;
    }

    /// <summary>Sends keys in batches of <paramref name="batchSize"/>; returns the last ack.</summary>
    public async Task<KeyAck> Type(string code, IEnumerable<string> keys, int batchSize = 10)
    {
        KeyAck? ack = null;
        foreach (var batch in TypingScript.Batches(keys, _seq + 1, batchSize))
        {
            ack = await Connection.InvokeAsync<KeyAck>("SendKeys", code, batch);
            _seq = batch.Seq;
        }

        return ack!;
    }

    /// <summary>Types the keys at a person's changing pace (<see cref="TypingScript.Humanly"/>), so the result is ranked.</summary>
    public Task TypeHumanly(string code, IEnumerable<string> keys, int msPerKey, int seed) =>
        TypingScript.PlayHumanly(keys, msPerKey, seed, presses => Connection.InvokeAsync<KeyAck>("SendKeys", code, NextBatch(presses)));

    public void ResumeAfter(long lastSeq) => _seq = lastSeq;

    /// <summary>Numbers a batch of hand-made key presses as the next one.</summary>
    public KeyBatch NextBatch(KeyPress[] presses) => new(++_seq, presses);

    /// <summary>The latest position of <paramref name="playerId"/> this client has been told about.</summary>
    public int SeenPosition(string playerId) =>
        Frames.LastOrDefault()?.Racers.FirstOrDefault(r => r.PlayerId == playerId)?.Position ?? -1;

    /// <summary>The room as last seen: the newest view by the server's clock, whichever way it came (a broadcast or a join's answer).</summary>
    public RoomView? LatestView => Views.Aggregate((RoomView?)null, (latest, view) => latest is null || view.ServerTime >= latest.ServerTime ? view : latest);

    public Task<RoomView> WaitForView(Func<RoomView, bool> done, string what) =>
        Eventually.Get(() => Task.FromResult(LatestView), view => view is not null && done(view), what).ContinueWith(t => t.Result!);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
