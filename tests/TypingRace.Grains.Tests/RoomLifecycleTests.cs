using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;
using static TypingRace.Grains.Tests.RoomTestKit;

namespace TypingRace.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoomLifecycleTests(RaceCluster cluster)
{
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task A_room_goes_from_lobby_through_countdown_and_race_to_results_and_the_next_paragraph()
    {
        var (room, host) = await _kit.NewRoom();
        var guest = await _kit.Join(room, "Guest");
        var passage = TestGuides.Passage(0, PassageLength.Short);

        var lobby = await View(room);
        Assert.Equal(RoomPhase.Lobby, lobby.Phase);
        Assert.Null(lobby.Passage.Text);
        Assert.Equal(2, lobby.Passage.ParagraphCount);
        Assert.Equal(passage.CharacterCount, lobby.Passage.CharacterCount);

        Assert.True((await room.Start(host.PlayerId)).IsOk);
        var countdown = await View(room);
        Assert.Equal(RoomPhase.Countdown, countdown.Phase);
        Assert.Equal(passage.Text, countdown.Passage.Text);
        Assert.Equal(ErrorCodes.RaceNotStarted, (await Refusal(room.SubmitKeys(host.PlayerId, new KeyBatch(1, [new KeyPress("S", 0)])))).Code);

        await WaitForPhase(room, RoomPhase.Racing);

        // A pause first, so the race lasts long enough for whole milliseconds to measure it precisely.
        await Task.Delay(400);

        // The guest makes two mistakes and backspaces them; the host types cleanly and finishes first.
        var keys = TypingScript.Correct(passage).ToList();
        await Type(room, host, keys);
        var guestKeys = keys.Take(5).Concat(["x", "y", "\b", "\b"]).Concat(keys.Skip(5)).ToList();
        var hint = await room.RequestHint(guest.PlayerId);
        Assert.Equal("Short", hint.Value!.Word);
        var ack = await Type(room, guest, guestKeys);
        Assert.True(ack.Finished);

        var results = (await WaitForPhase(room, RoomPhase.Results)).Results!;
        Assert.Equal([host.PlayerId, guest.PlayerId], results.Select(r => r.PlayerId));
        Assert.Equal([1, 2], results.Select(r => r.Place));
        Assert.Equal(1.0, results[0].Accuracy);
        Assert.Equal(keys.Count / (double)(keys.Count + 2), results[1].Accuracy, 12);
        Assert.Equal([0, 1], results.Select(r => r.Hints));
        Assert.Equal([0, 2], results.Select(r => r.Chart.Sum(point => point.Errors)));
        Assert.All(results, r => Assert.Equal(keys.Count / 5.0 / (r.Chart[^1].Second / 60.0), r.Chart[^1].Wpm, 6));
        Assert.All(results, r => Assert.Equal(passage.CharacterCount, r.Position));
        // Scripts type far faster than people, so both results are flagged; WPM still follows the formula.
        Assert.All(results, r => Assert.InRange(r.Wpm / (keys.Count / 5.0 / (r.TimeMs / 60_000.0)), 0.98, 1.02));
        Assert.All(results, r => Assert.Contains("tooFast", r.Flags));

        // Recording is one-way; the player grain reports the standing back to the room once it is done.
        var history = await Eventually.Get(
            () => cluster.Grains.GetGrain<IPlayerGrain>(guest.PlayerId).GetRecentResults(), h => h.Length == 1, "the guest's history");
        Assert.Equal(2, Assert.Single(history).Place);
        var shown = await Eventually.Get(() => View(room), v => v.Results!.All(r => r.Standing is not null), "the standings");
        var guestStanding = shown.Results!.Single(r => r.PlayerId == guest.PlayerId).Standing!;
        Assert.False(guestStanding.Queued);
        Assert.Null(guestStanding.RecentAverageWpm);

        // Flagged results enter no board.
        Assert.Empty(guestStanding.Ranks);

        Assert.True((await room.NextPassage(host.PlayerId)).IsOk);
        var next = await View(room);
        Assert.Equal(RoomPhase.Lobby, next.Phase);
        Assert.Equal(passage.NextParagraphIndex, next.Passage.FirstParagraphIndex);
        Assert.Null(next.Results);
    }

    [Fact]
    public async Task Someone_who_joins_during_a_race_spectates_it_and_races_the_next_one()
    {
        var (room, host) = await _kit.NewRoom();
        await StartAndWaitForRacing(room, host);

        var late = await _kit.NewPlayer("Late");
        var joined = (await room.Join(late)).Value!;
        Assert.Equal(MemberRole.Spectator, joined.You!.Role);
        Assert.Equal(ErrorCodes.NotRacing, (await Refusal(room.SubmitKeys(late.PlayerId, new KeyBatch(1, [new KeyPress("S", 0)])))).Code);

        await Type(room, host, TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)));
        var results = (await WaitForPhase(room, RoomPhase.Results)).Results!;
        Assert.Equal(host.PlayerId, Assert.Single(results).PlayerId);

        await StartAndWaitForRacing(room, host);
        var view = await View(room);
        Assert.Equal(MemberRole.Racer, view.Members.Single(m => m.PlayerId == late.PlayerId).Role);
        var ack = await Type(room, late, ["S", "h"]);
        Assert.Equal(2, ack.Position);
    }

    [Fact]
    public async Task At_the_time_limit_the_racers_still_typing_are_placed_by_progress_then_accuracy()
    {
        var (room, host) = await _kit.NewRoom(RoomTestKit.ShortFromStart with { Length = PassageLength.Long });
        var second = await _kit.Join(room, "Second");
        var third = await _kit.Join(room, "Third");
        var passage = TestGuides.Passage(0, PassageLength.Long);
        var keys = TypingScript.Correct(passage).ToList();
        await StartAndWaitForRacing(room, host);

        // The host and Third reach the same position, Third with one mistake; Second gets furthest.
        await Type(room, host, keys.Take(10));
        await Type(room, third, keys.Take(3).Concat(["#", "\b"]).Concat(keys.Skip(3).Take(7)));
        await Type(room, second, keys.Take(20));

        // Everybody keeps typing now and then so the idle rule does not move anyone out.
        var seq = new Dictionary<string, long> { [host.PlayerId] = 2, [second.PlayerId] = 2, [third.PlayerId] = 2 };
        var view = await View(room);
        while (view.Phase == RoomPhase.Racing)
        {
            foreach (var racer in new[] { host, second, third })
            {
                var reply = await room.SubmitKeys(racer.PlayerId, new KeyBatch(seq[racer.PlayerId], [new KeyPress("\b", 1)]));
                if (reply.IsOk)
                {
                    seq[racer.PlayerId]++;
                }
            }

            await Task.Delay(500);
            view = await View(room);
        }

        var results = view.Results!;
        Assert.Equal([second.PlayerId, host.PlayerId, third.PlayerId], results.Select(r => r.PlayerId));
        Assert.All(results, r => Assert.False(r.Finished));
        Assert.Equal([20, 10, 10], results.Select(r => r.Position));
        Assert.Equal(10 / 11.0, results[2].Accuracy, 12);
    }

    [Fact]
    public async Task A_racer_who_stops_typing_watches_the_rest_and_keeps_a_results_row_with_their_progress()
    {
        var (room, host) = await _kit.NewRoom();
        var idle = await _kit.Join(room, "Idle");
        await StartAndWaitForRacing(room, host);
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();

        // The other racer types three keys and stops; the host keeps typing, a key every 300 ms.
        Assert.True((await room.SubmitKeys(idle.PlayerId, new KeyBatch(1, [.. keys.Take(3).Select((key, i) => new KeyPress(key, i))]))).IsOk);
        var typed = 0;
        var view = await View(room);
        while (view.Members.Single(m => m.PlayerId == idle.PlayerId).Role == MemberRole.Racer)
        {
            Assert.True((await room.SubmitKeys(host.PlayerId, new KeyBatch(typed + 1, [new KeyPress(keys[typed], typed)]))).IsOk);
            typed++;
            await Task.Delay(300);
            view = await View(room);
        }

        Assert.Equal(RoomPhase.Racing, view.Phase);
        Assert.Equal(MemberRole.Racer, view.Members.Single(m => m.PlayerId == host.PlayerId).Role);
        // On the server's clock, not the test's: the racer was moved no sooner than the 5 s idle limit after the start.
        var idleFor = TimeSpan.FromMilliseconds(view.ServerTime - view.CountdownEndsAt!.Value);
        Assert.True(idleFor >= TimeSpan.FromSeconds(5), $"moved {idleFor} after the start, before the 5 s idle limit");
        Assert.Equal(ErrorCodes.NotRacing, (await Refusal(room.RequestHint(idle.PlayerId))).Code);
        Assert.Equal(ErrorCodes.NotRacing, (await Refusal(room.SubmitKeys(idle.PlayerId, new KeyBatch(2, [new KeyPress(keys[3], 9000)])))).Code);

        // The host finishes: the race ends, and the one who went idle is in its results, second, with their three keys.
        var seq = typed;
        foreach (var chunk in keys.Skip(typed).Chunk(50))
        {
            Assert.True((await room.SubmitKeys(host.PlayerId, new KeyBatch(++seq, [.. chunk.Select(key => new KeyPress(key, 10_000))]))).IsOk);
        }

        var results = (await Eventually.Get(() => View(room), v => v.Phase == RoomPhase.Results, "the results")).Results!;
        Assert.Equal([host.PlayerId, idle.PlayerId], results.Select(line => line.PlayerId));
        var line = results[1];
        Assert.True(line.WentIdle);
        Assert.False(line.Finished);
        Assert.Equal(2, line.Place);
        Assert.Equal(3, line.Position);
        Assert.False(results[0].WentIdle);
    }

    [Fact]
    public async Task When_the_host_leaves_the_next_member_hosts_and_the_host_can_kick()
    {
        var (room, host) = await _kit.NewRoom();
        var second = await _kit.Join(room, "Second");
        var third = await _kit.Join(room, "Third");

        Assert.Equal(ErrorCodes.NotHost, (await Refusal(room.Kick(second.PlayerId, third.PlayerId))).Code);
        Assert.True((await room.Leave(host.PlayerId)).IsOk);
        Assert.Equal(second.PlayerId, (await View(room)).HostId);

        Assert.True((await room.Kick(second.PlayerId, third.PlayerId)).IsOk);
        var view = await View(room);
        Assert.Equal([second.PlayerId], view.Members.Select(m => m.PlayerId));
        Assert.Null((await cluster.Grains.GetGrain<IPlayerGrain>(third.PlayerId).GetProfile())!.RoomCode);
        Assert.Equal(ErrorCodes.MemberNotFound, (await Refusal(room.Kick(second.PlayerId, third.PlayerId))).Code);
    }

    [Fact]
    public async Task A_room_whose_members_all_disconnected_expires()
    {
        var (room, host) = await _kit.NewRoom();
        await room.SetConnected(host.PlayerId, false);

        await Eventually.Get(() => room.GetView(), view => view is null, "the room to expire");
        var rejoin = await Refusal(room.Join(host));
        Assert.Equal(ErrorCodes.RoomNotFound, rejoin.Code);
    }

    [Fact]
    public async Task The_guide_end_is_shown_and_the_room_can_start_over()
    {
        var last = TestGuides.Mini.Paragraphs.Count - 1;
        var (room, host) = await _kit.NewRoom(new PassageChoice(TestGuides.MiniId, last, PassageLength.Short));
        Assert.True((await View(room)).GuideFinished);

        Assert.True((await room.NextPassage(host.PlayerId)).IsOk);
        var view = await View(room);
        Assert.Equal(0, view.Passage.FirstParagraphIndex);
        Assert.False(view.GuideFinished);
    }
}
