using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;
using static TypingRace.Grains.Tests.RoomTestKit;

namespace TypingRace.Grains.Tests;

/// <summary>Each bad request gets its own code, and the room and the other racers carry on as before.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RoomErrorTests(RaceCluster cluster)
{
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Joining_an_unknown_room_is_refused()
    {
        var player = await _kit.NewPlayer("Nobody");
        var refusal = await Refusal(cluster.Grains.GetGrain<IRoomGrain>("ZZZZZ9").Join(player));
        Assert.Equal(ErrorCodes.RoomNotFound, refusal.Code);
    }

    [Fact]
    public async Task A_full_room_refuses_one_more_member_and_keeps_the_others()
    {
        var (room, _) = await _kit.NewRoom();
        for (var i = 2; i <= 4; i++)
        {
            await _kit.Join(room, $"Member {i}");
        }

        var refusal = await Refusal(room.Join(await _kit.NewPlayer("Fifth")));
        Assert.Equal(ErrorCodes.RoomFull, refusal.Code);
        Assert.Equal(4, (await View(room)).Members.Length);
    }

    [Fact]
    public async Task Creating_a_room_on_an_unknown_guide_or_paragraph_is_refused()
    {
        var host = await _kit.NewPlayer("Host");
        var room = cluster.Grains.GetGrain<IRoomGrain>(Engine.Rooms.RoomCode.NewCode());
        Assert.Equal(ErrorCodes.GuideNotFound, (await Refusal(room.Create(host, new PassageChoice("nope", 0, PassageLength.Short)))).Code);
        Assert.Equal(ErrorCodes.ParagraphOutOfRange, (await Refusal(room.Create(host, new PassageChoice(TestGuides.MiniId, 99, PassageLength.Short)))).Code);
        Assert.Null(await room.GetView());
    }

    [Fact]
    public async Task Host_actions_from_others_and_changes_during_a_race_are_refused()
    {
        var (room, host) = await _kit.NewRoom();
        var guest = await _kit.Join(room, "Guest");

        Assert.Equal(ErrorCodes.NotHost, (await Refusal(room.Start(guest.PlayerId))).Code);
        Assert.Equal(ErrorCodes.NotHost, (await Refusal(room.NextPassage(guest.PlayerId))).Code);
        Assert.Equal(ErrorCodes.NotHost, (await Refusal(room.ChoosePassage(guest.PlayerId, ShortFromStart))).Code);
        Assert.Equal(RoomPhase.Lobby, (await View(room)).Phase);

        await StartAndWaitForRacing(room, host);
        Assert.Equal(ErrorCodes.RaceInProgress, (await Refusal(room.Start(host.PlayerId))).Code);
        Assert.Equal(ErrorCodes.RaceInProgress, (await Refusal(room.NextPassage(host.PlayerId))).Code);
        Assert.Equal(ErrorCodes.NotInRoom, (await Refusal(room.SubmitKeys("someone-else", new KeyBatch(1, [new KeyPress("S", 0)])))).Code);
    }

    [Fact]
    public async Task Bad_key_batches_are_refused_without_moving_anyone()
    {
        var (room, host) = await _kit.NewRoom();
        var other = await _kit.Join(room, "Other");
        await StartAndWaitForRacing(room, host);
        await Type(room, other, ["S", "h"]);
        Assert.Equal(1, (await Type(room, host, ["S"])).Position);

        async Task<string> CodeOf(KeyBatch batch) => (await Refusal(room.SubmitKeys(host.PlayerId, batch))).Code;
        Assert.Equal(ErrorCodes.DuplicateBatch, await CodeOf(new KeyBatch(1, [new KeyPress("h", 1)])));
        Assert.Equal(ErrorCodes.OutOfOrder, await CodeOf(new KeyBatch(5, [new KeyPress("h", 1)])));
        Assert.Equal(ErrorCodes.BatchTooLarge, await CodeOf(new KeyBatch(2, Enumerable.Range(0, 51).Select(i => new KeyPress("h", i)).ToArray())));
        Assert.Equal(ErrorCodes.BatchTooLarge, await CodeOf(new KeyBatch(2, [new KeyPress(new string('h', 201), 1)])));
        Assert.Equal(ErrorCodes.MalformedKeys, await CodeOf(new KeyBatch(2, [])));
        Assert.Equal(ErrorCodes.MalformedKeys, await CodeOf(new KeyBatch(2, [new KeyPress("", 1)])));
        Assert.Equal(ErrorCodes.MalformedKeys, await CodeOf(new KeyBatch(2, [new KeyPress("h", -1)])));

        // Nothing moved: the next expected batch is still 2, and the other racer is where they were.
        Assert.Equal(2, (await Type(room, host, ["h"], firstSeq: 2)).Position);
        Assert.Equal(3, (await Type(room, other, ["o"], firstSeq: 2)).Position);
    }

    [Fact]
    public async Task Keys_after_finishing_are_refused_as_race_over()
    {
        var (room, host) = await _kit.NewRoom();
        var slow = await _kit.Join(room, "Slow");
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        await StartAndWaitForRacing(room, host);
        var ack = await Type(room, host, keys);
        Assert.True(ack.Finished);

        var seq = TypingScript.Batches(keys).Count() + 1;
        Assert.Equal(ErrorCodes.RaceOver, (await Refusal(room.SubmitKeys(host.PlayerId, new KeyBatch(seq, [new KeyPress("x", 1)])))).Code);
        Assert.Equal(ErrorCodes.RaceOver, (await Refusal(room.RequestHint(host.PlayerId))).Code);
        Assert.Equal(RoomPhase.Racing, (await View(room)).Phase);
        Assert.Equal(1, (await Type(room, slow, ["S"])).Position);
    }
}
