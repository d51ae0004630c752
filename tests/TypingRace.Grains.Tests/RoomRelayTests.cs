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
        await room.Subscribe(keptRef);
        await room.Subscribe(lapsedRef);
        Assert.Equal(2, await room.GetSubscriberCount());

        await StartAndWaitForRacing(room, host);
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        await Type(room, host, keys.Take(40), firstSeq: 1);
        await Eventually.Get(() => Task.FromResult(kept.LastPosition(host.PlayerId)), p => p == 40, "progress 40 at the kept subscriber");
        await Eventually.Get(() => Task.FromResult(lapsed.LastPosition(host.PlayerId)), p => p == 40, "progress 40 at the lapsed subscriber");
        // 40 keys in two batches arrive as at most a handful of frames, not one per key.
        Assert.InRange(kept.Frames.Count, 1, 10);

        // Only one subscriber renews; the other lapses after the 2 s expiry and the room serves the first alone.
        var renewing = Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                await room.Subscribe(keptRef);
                await Task.Delay(500);
            }
        });
        await Eventually.Get(() => room.GetSubscriberCount(), count => count == 1, "the lapsed subscriber to be dropped", TimeSpan.FromSeconds(6));
        var framesAtLapse = lapsed.Frames.Count;

        await Type(room, host, keys.Skip(40).Take(10), firstSeq: 3);
        await Eventually.Get(() => Task.FromResult(kept.LastPosition(host.PlayerId)), p => p == 50, "progress 50 at the kept subscriber");
        Assert.Equal(framesAtLapse, lapsed.Frames.Count);
        await renewing;
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
