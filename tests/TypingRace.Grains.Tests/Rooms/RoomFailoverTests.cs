using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>A silo dies mid-race; the room comes back on another from Redis and the race ends as if it had not.</summary>
[Collection(FailoverCollection.Name)]
public sealed class RoomFailoverTests(FailoverCluster cluster)
{
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Killing_the_silo_that_holds_a_race_loses_no_key_and_the_results_are_exact_and_written_once()
    {
        var (room, host, code) = await RoomOffThePrimarySilo();
        var guest = await _kit.Join(room, "Guest");
        var passage = TestGuides.Passage(0, PassageLength.Short);
        var keys = TypingScript.Correct(passage).ToList();
        var half = keys.Count / 2;
        await RoomTestKit.StartAndWaitForRacing(room, host);

        // The guest slips twice and fixes it, and asks for a hint: the figures after the failover must still say so.
        var guestKeys = keys.Take(5).Concat(["x", "y", "\b", "\b"]).Concat(keys.Skip(5)).ToList();
        var hostClient = new ResendingClient(room, host);
        var guestClient = new ResendingClient(room, guest);
        await hostClient.Type(keys.Take(half));
        await guestClient.Type(guestKeys.Take(half));
        Assert.True((await room.RequestHint(guest.PlayerId)).IsOk);

        // What is stored is what the room confirms; a few more keys go in that may not be stored when the silo dies.
        await Eventually.Get(() => hostClient.StoredSeq(), seq => seq == hostClient.LastSeq, "the host's keys to be stored");
        await Eventually.Get(() => guestClient.StoredSeq(), seq => seq == guestClient.LastSeq, "the guest's keys to be stored");
        await hostClient.Type(keys.Skip(half).Take(4), batchSize: 1);
        await guestClient.Type(guestKeys.Skip(half).Take(4), batchSize: 1);

        var silo = await cluster.KillSiloOf(cluster.Grains.GetGrain<IRoomGrain>(code));

        // Each client rejoins, learns what the room holds, and sends the rest again.
        await hostClient.Rejoin();
        await guestClient.Rejoin();
        Assert.NotEqual(silo, await SiloOf(code));
        await hostClient.Type(keys.Skip(half + 4));
        var last = await guestClient.Type(guestKeys.Skip(half + 4));
        Assert.True(last.Finished);

        var results = (await RoomTestKit.WaitForPhase(room, RoomPhase.Results)).Results!;
        Assert.Equal([host.PlayerId, guest.PlayerId], results.Select(r => r.PlayerId));
        Assert.All(results, r => Assert.Equal(passage.CharacterCount, r.Position));
        Assert.Equal(1.0, results[0].Accuracy);
        Assert.Equal(keys.Count / (double)(keys.Count + 2), results[1].Accuracy, 12);
        Assert.Equal([0, 1], results.Select(r => r.Hints));
        Assert.All(results, r => Assert.True(r.Finished));

        // The race is on record once, and in each racer's history once.
        var raceId = (await Eventually.Get(
            () => cluster.Grains.GetGrain<IPlayerGrain>(guest.PlayerId).GetRecentResults(), recent => recent.Length == 1, "the guest's history")).Single().RaceId;
        var record = await cluster.Grains.GetGrain<IRaceGrain>(raceId).Get();
        Assert.NotNull(record);
        Assert.Equal(results.Select(r => (r.PlayerId, r.Accuracy, r.Hints)), record!.Lines.Select(r => (r.PlayerId, r.Accuracy, r.Hints)));
        Assert.Single(await cluster.Grains.GetGrain<IPlayerGrain>(host.PlayerId).GetRecentResults());
        Assert.Equal(32, raceId.Length);

        // Its keys, stored across the failover, prove the results: folded again on the race's clock, with the outage in it.
        var check = (await Eventually.Get(() => cluster.Grains.GetGrain<IRaceGrain>(raceId).Verify(), c => c is { Pending: false }, "the race's last keys to be stored"))!;
        Assert.True(check.Verified, check.Problem + " " + string.Join("; ", check.Racers.Select(r => $"{r.Name}: recorded {r.Recorded}, recomputed {r.Recomputed}")));
        Assert.Equal(record.Lines.Select(l => (l.PlayerId, l.Wpm, l.Accuracy)), check.Racers.Select(r => (r.PlayerId, r.Recomputed!.Wpm, r.Recomputed.Accuracy)));
        Assert.NotEmpty(record.Pauses!);
    }

    private async Task<(IRoomGrain Room, PlayerCard Host, string Code)> RoomOffThePrimarySilo()
    {
        var (room, host) = await cluster.OffThePrimary(() => _kit.NewRoom(), made => made.Room);
        return (room, host, room.GetPrimaryKeyString());
    }

    private Task<SiloAddress?> SiloOf(string code) => cluster.SiloOf(cluster.Grains.GetGrain<IRoomGrain>(code));
}

/// <summary>
/// A racer's client as docs/protocol.md describes it: it keeps every batch the room has not confirmed as stored,
/// and after a failover rejoins and sends again those after the room's last.
/// </summary>
internal sealed class ResendingClient(IRoomGrain room, PlayerCard racer)
{
    private readonly List<KeyBatch> _unstored = [];

    public long LastSeq { get; private set; }

    public async Task<long> StoredSeq()
    {
        var stored = (await room.Join(racer)).Value!.You!.StoredSeq;
        _unstored.RemoveAll(batch => batch.Seq <= stored);
        return stored;
    }

    public async Task<KeyAck> Type(IEnumerable<string> keys, int batchSize = 20)
    {
        KeyAck? ack = null;
        foreach (var batch in TypingScript.Batches(keys, LastSeq + 1, batchSize))
        {
            ack = await Send(batch);
            LastSeq = batch.Seq;
        }

        return ack!;
    }

    /// <summary>Calls fail until the cluster has declared the silo dead; then the room comes back elsewhere.</summary>
    public async Task Rejoin()
    {
        var you = await Eventually.Get(
            async () =>
            {
                try
                {
                    return (await room.Join(racer)).Value?.You;
                }
                catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
                {
                    return null;
                }
            },
            you => you is not null,
            "the room to come back",
            TimeSpan.FromSeconds(60));
        foreach (var batch in _unstored.Where(batch => batch.Seq > you!.LastSeq).ToList())
        {
            await Send(batch with { Resent = true });
        }

        _unstored.RemoveAll(batch => batch.Seq <= you!.LastSeq);
    }

    private async Task<KeyAck> Send(KeyBatch batch)
    {
        var reply = await room.SubmitKeys(racer.PlayerId, batch);
        Assert.True(reply.IsOk, reply.Error?.ToString());
        if (!_unstored.Any(kept => kept.Seq == batch.Seq))
        {
            _unstored.Add(batch);
        }

        _unstored.RemoveAll(kept => kept.Seq <= reply.Value!.StoredSeq);
        return reply.Value!;
    }
}
