using System.Collections.Concurrent;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;
using static TypingRace.Grains.Tests.RoomTestKit;

namespace TypingRace.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoomRelayTests(RaceCluster cluster)
{
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Subscribers_get_coalesced_progress_and_a_subscriber_that_stops_renewing_is_dropped()
    {
        var (room, host) = await _kit.NewRoom();
        var kept = new RecordingObserver();
        var lapsed = new RecordingObserver();
        var keptRef = cluster.Cluster.Client.CreateObjectReference<IRoomObserver>(kept);
        var lapsedRef = cluster.Cluster.Client.CreateObjectReference<IRoomObserver>(lapsed);
        using var keptRenews = new CancellationTokenSource();
        using var lapsedRenews = new CancellationTokenSource();
        var renewingKept = KeepSubscribed(room, keptRef, keptRenews.Token);
        var renewingLapsed = KeepSubscribed(room, lapsedRef, lapsedRenews.Token);
        await Eventually.Get(() => room.GetSubscriberCount(), count => count == 2, "both subscribers");

        await StartAndWaitForRacing(room, host);
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        var ack = await Type(room, host, keys.Take(40), firstSeq: 1);
        await Eventually.Get(() => Task.FromResult(kept.LastPosition(host.PlayerId)), p => p == 40, "progress 40 at the kept subscriber");
        // The frame's speed is the ack's as the browser shows it, a whole number; accuracy stays exact.
        var shown = kept.Frames.Last().Racers.Single(r => r.PlayerId == host.PlayerId);
        Assert.True(ack.Wpm > 0 && ack.Wpm != Math.Floor(ack.Wpm), $"the ack's WPM has a fraction to round: {ack.Wpm}");
        Assert.Equal(Math.Floor(ack.Wpm + 0.5), shown.Wpm);
        Assert.Equal(ack.Accuracy, shown.Accuracy);
        await Eventually.Get(() => Task.FromResult(lapsed.LastPosition(host.PlayerId)), p => p == 40, "progress 40 at the lapsed subscriber");
        // 40 keys in two batches arrive as at most a handful of frames, not one per key.
        Assert.InRange(kept.Frames.Count, 1, 10);

        // One subscriber stops renewing; it lapses after the 2 s expiry and the room serves the other alone.
        await lapsedRenews.CancelAsync();
        await renewingLapsed;
        await Eventually.Get(() => room.GetSubscriberCount(), count => count == 1, "the lapsed subscriber to be dropped");
        var framesAtLapse = lapsed.Frames.Count;

        await Type(room, host, keys.Skip(40).Take(10), firstSeq: 3);
        await Eventually.Get(() => Task.FromResult(kept.LastPosition(host.PlayerId)), p => p == 50, "progress 50 at the kept subscriber");
        Assert.Equal(framesAtLapse, lapsed.Frames.Count);
        await keptRenews.CancelAsync();
        await renewingKept;
    }

    /// <summary>Renews a subscription as a gateway does, every 500 ms, well within the test cluster's 2 s expiry.</summary>
    private static async Task KeepSubscribed(IRoomGrain room, IRoomObserver subscriber, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await room.Subscribe(subscriber);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private sealed class RecordingObserver : IRoomObserver
    {
        public ConcurrentQueue<ProgressFrame> Frames { get; } = new();

        public int LastPosition(string playerId) =>
            Frames.LastOrDefault()?.Racers.SingleOrDefault(r => r.PlayerId == playerId)?.Position ?? -1;

        public Task OnUpdates(RoomUpdate[] updates)
        {
            foreach (var frame in updates.Select(update => update.Frame).OfType<ProgressFrame>())
            {
                Frames.Enqueue(frame);
            }

            return Task.CompletedTask;
        }
    }
}
