using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// TypeKeys, the way the browser sends keys: no answer per batch; the frames acknowledge each batch (the racer's
/// seq and storedSeq) and a refusal comes as a keysRefused event with its documented code, the connection kept.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TypeKeysTests(RaceCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Batches_sent_without_an_answer_are_acknowledged_in_the_frames_and_refused_by_an_event()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var ada = await RaceClient.Connect(gateway, await gateway.Register("Ada"));
        await using var bo = await RaceClient.Connect(gateway, await gateway.Register("Bo"));
        var refusals = Channel.CreateUnbounded<KeysRefused>();
        ada.Connection.On<KeysRefused>("keysRefused", refusal => refusals.Writer.TryWrite(refusal));
        var code = await gateway.RoomWith(ada, bo);
        await ada.Connection.InvokeAsync("StartRace", code);
        var text = (await ada.WaitForView(view => view.Phase == RoomPhase.Racing, "racing")).Passage.Text!;
        var adaId = ada.Player.PlayerId;

        // A batch that skips one is refused, and nothing changes.
        await ada.Connection.SendAsync("TypeKeys", code, Batch(2, text[..1], startMs: 100));
        var skipped = await Next(refusals);
        Assert.Equal((code, 2L, ErrorCodes.OutOfOrder), (skipped.Room, skipped.Seq, skipped.Code));
        Assert.Contains("Expected batch 1", skipped.Message, StringComparison.Ordinal);

        // Three keys, then two: Bo's frames and Ada's own show both batches taken, five right of five.
        await ada.Connection.SendAsync("TypeKeys", code, Batch(1, text[..3], startMs: 400));
        await ada.Connection.SendAsync("TypeKeys", code, Batch(2, text[3..5], startMs: 900));
        foreach (var watcher in new[] { bo, ada })
        {
            var entry = await Entry(watcher, adaId, racer => racer.Seq == 2);
            Assert.Equal((5, 0, 1.0), (entry.Position, entry.ErrorLength, entry.Accuracy!.Value));
            Assert.InRange(entry.StoredSeq, 0, 2);
        }

        // The same batch again, and a batch for a room code that cannot be: each its own event, nothing typed.
        await ada.Connection.SendAsync("TypeKeys", code, Batch(2, "x", startMs: 1_200));
        var again = await Next(refusals);
        Assert.Equal((code, 2L, ErrorCodes.DuplicateBatch), (again.Room, again.Seq, again.Code));
        await ada.Connection.SendAsync("TypeKeys", "no such room!", Batch(3, "x", startMs: 1_300));
        var nowhere = await Next(refusals);
        Assert.Equal(("no such room!", 3L, ErrorCodes.BadRoomCode), (nowhere.Room, nowhere.Seq, nowhere.Code));

        // The connection goes on: Ada types on, a key a batch at a person's pace, until a frame says batch 2 is
        // stored (the room writes every Rooms:SaveInterval, and the next frame tells).
        var seq = 2L;
        RacerProgress stored;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            seq++;
            await ada.Connection.SendAsync("TypeKeys", code, Batch(seq, text[(int)(seq + 2)..(int)(seq + 3)], startMs: 1_400 + (seq * 150)));
            stored = await Entry(bo, adaId, racer => racer.Seq == seq);
        }
        while (stored.StoredSeq < 2 && seq + 3 < text.Length);

        Assert.InRange(stored.StoredSeq, 2, seq);
        Assert.Equal((int)seq + 3, stored.Position);
        Assert.False(refusals.Reader.TryRead(out var unexpected), $"refused: {unexpected}");
    }

    private static KeyBatch Batch(long seq, string keys, long startMs) =>
        new(seq, [.. keys.Select((key, i) => new KeyPress($"{key}", startMs + (i * 120)))]);

    private static async Task<KeysRefused> Next(Channel<KeysRefused> refusals)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await refusals.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The first racer entry for <paramref name="playerId"/>, in the frames this client got, that passes <paramref name="done"/>.</summary>
    private static Task<RacerProgress> Entry(RaceClient watcher, string playerId, Func<RacerProgress, bool> done) =>
        Eventually.Get(
            () => Task.FromResult(watcher.Frames.SelectMany(frame => frame.Racers).FirstOrDefault(racer => racer.PlayerId == playerId && done(racer))),
            racer => racer is not null,
            $"a frame showing {playerId} so",
            Patience).ContinueWith(found => found.GetAwaiter().GetResult()!, TaskScheduler.Default);
}
