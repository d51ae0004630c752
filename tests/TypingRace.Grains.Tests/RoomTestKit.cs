using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests;

/// <summary>Creates players and rooms on the test cluster and drives them the way the gateway does.</summary>
internal sealed class RoomTestKit(IGrainFactory grains)
{
    public static readonly PassageChoice ShortFromStart = new(TestGuides.MiniId, 0, PassageLength.Short);

    public async Task<PlayerCard> NewPlayer(string name)
    {
        var id = Guid.NewGuid().ToString("N");
        var reply = await grains.GetGrain<IPlayerGrain>(id).Register(name, "hash-" + id);
        Assert.True(reply.IsOk, reply.Error?.ToString());
        return new PlayerCard(id, name);
    }

    public async Task<(IRoomGrain Room, PlayerCard Host)> NewRoom(PassageChoice? choice = null, string hostName = "Host")
    {
        var host = await NewPlayer(hostName);
        var room = grains.GetGrain<IRoomGrain>(Engine.Rooms.RoomCode.NewCode());
        var reply = await room.Create(host, choice ?? ShortFromStart);
        Assert.True(reply.IsOk, reply.Error?.ToString());
        return (room, host);
    }

    public async Task<PlayerCard> Join(IRoomGrain room, string name)
    {
        var player = await NewPlayer(name);
        var reply = await room.Join(player);
        Assert.True(reply.IsOk, reply.Error?.ToString());
        return player;
    }

    public static async Task<RoomView> View(IRoomGrain room) => (await room.GetView())!;

    public static Task<RoomView> WaitForPhase(IRoomGrain room, RoomPhase phase) =>
        Eventually.Get(() => View(room), view => view.Phase == phase, $"phase {phase}");

    public static async Task StartAndWaitForRacing(IRoomGrain room, PlayerCard host)
    {
        Assert.True((await room.Start(host.PlayerId)).IsOk);
        await WaitForPhase(room, RoomPhase.Racing);
    }

    /// <summary>Sends keys in batches from <paramref name="firstSeq"/>; returns the last ack.</summary>
    public static async Task<KeyAck> Type(IRoomGrain room, PlayerCard racer, IEnumerable<string> keys, long firstSeq = 1)
    {
        KeyAck? last = null;
        foreach (var batch in TypingScript.Batches(keys, firstSeq))
        {
            var reply = await room.SubmitKeys(racer.PlayerId, batch);
            Assert.True(reply.IsOk, reply.Error?.ToString());
            last = reply.Value;
        }

        return last!;
    }

    /// <summary>
    /// Types the keys the way a person does (<see cref="TypingScript.Humanly"/>), so the result is ranked: eight keys
    /// at a time, about <paramref name="msPerKey"/> a key. Returns the last ack.
    /// </summary>
    public static async Task<KeyAck> TypeLikeAPerson(IRoomGrain room, PlayerCard racer, IEnumerable<string> keys, int msPerKey, int seed)
    {
        var seq = 0L;
        KeyAck? last = null;
        await TypingScript.PlayHumanly(keys, msPerKey, seed, async presses =>
        {
            var reply = await room.SubmitKeys(racer.PlayerId, new KeyBatch(++seq, presses));
            Assert.True(reply.IsOk, reply.Error?.ToString());
            last = reply.Value;
        });

        return last!;
    }

    public static async Task<RaceError> Refusal<T>(Task<Reply<T>> call) =>
        (await call).Error ?? throw new Xunit.Sdk.XunitException("Expected a refusal, got a value.");

    public static async Task<RaceError> Refusal(Task<Outcome> call) =>
        (await call).Error ?? throw new Xunit.Sdk.XunitException("Expected a refusal, got success.");
}
