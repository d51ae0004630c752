using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Testing;
using static TypingRace.Grains.Tests.RoomTestKit;

namespace TypingRace.Grains.Tests.Ghosts;

/// <summary>Ghost races on the two-silo test cluster: your best, your class's median, a replay's racers.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GhostRaceTests(RaceCluster cluster)
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);
    private readonly RoomTestKit _kit = new(cluster.Grains);

    private IGhostRaceGrain Ghosts => cluster.Grains.GetGrain<IGhostRaceGrain>(0);

    [Fact]
    public async Task A_player_races_the_ghost_of_their_best_which_types_that_run_again_on_the_server_clock_and_is_never_placed()
    {
        var (room, ada) = await _kit.NewRoom(hostName: "Ada");
        var code = (await View(room)).Code;

        // Nothing to race yet.
        Assert.Equal(ErrorCodes.NoRunYet, (await Refusal(Ghosts.Open(ada.PlayerId, new GhostRequest(GhostKind.Best, RoomCode: code)))).Code);

        await StartAndWaitForRacing(room, ada);
        await TypeLikeAPerson(room, ada, TypingScript.Correct(Passage), msPerKey: 50, seed: 1);
        var first = (await WaitForPhase(room, RoomPhase.Results)).Results!.Single();
        Assert.Empty(first.Flags);
        var passageId = BoardKeys.PassageId(Passage.FirstParagraphId, PassageLength.Short);
        var ada1 = cluster.Grains.GetGrain<IPlayerGrain>(ada.PlayerId);
        var firstRace = (await View(room)).RaceId!;
        await Eventually.Get(() => ada1.BestRunOn(passageId), raceId => raceId == firstRace, "the run to be Ada's best");

        // The ghost waits in the lobby with Ada; a second one would not fit with the others, and one of another passage is refused.
        var opened = await Open(ada, new GhostRequest(GhostKind.Best, RoomCode: code));
        Assert.Equal(code, opened.RoomCode);
        Assert.Equal(["Ghost of Ada (best)"], opened.Ghosts);
        var lobby = await View(room);
        var ghost = lobby.Members.Single(m => m.IsGhost);
        Assert.Equal(("Ghost of Ada (best)", true, false), (ghost.Name, ghost.Ready, ghost.IsBot));
        var other = (await cluster.Grains.GetGrain<IRaceGrain>(firstRace).Ghosts(null))!.Value!.Single() with { Passage = ShortFromStart with { ParagraphIndex = 1 } };
        Assert.Equal(ErrorCodes.GhostWrongPassage, (await Refusal(room.AddGhosts(ada.PlayerId, [other]))).Code);

        // Ada lets the ghost finish: it types the passage in the time of the run it comes from.
        await StartAndWaitForRacing(room, ada);
        await FinishAfterTheGhosts(room, ada, ghosts: 1);
        var results = (await WaitForPhase(room, RoomPhase.Results)).Results!;
        var ghostLine = results.Single(line => line.IsGhost);
        var adaLine = results.Single(line => !line.IsGhost);
        Assert.Equal((0, true, Passage.CharacterCount), (ghostLine.Place, ghostLine.Finished, ghostLine.Position));
        Assert.Equal(["ghost"], ghostLine.Flags);
        // Key times are kept to the millisecond, so the ghost may come in one millisecond under its run, never more. It
        // may come in later: the room types its keys on its ticks, which a busy machine can hold back, never bring forward.
        Assert.True(ghostLine.TimeMs >= first.TimeMs - 1, $"the ghost took {ghostLine.TimeMs} ms; its run took {first.TimeMs} ms");
        Assert.True(ghostLine.Wpm <= first.Wpm + 0.1, $"the ghost typed {ghostLine.Wpm} WPM; its run {first.Wpm}");

        // Ada is first of one: the ghost, ahead of her, is listed first and placed nowhere, in the room and in her history.
        Assert.Equal([ghostLine.PlayerId, adaLine.PlayerId], results.Select(line => line.PlayerId));
        Assert.Equal(1, adaLine.Place);
        var history = await Eventually.Get(() => ada1.GetRecentResults(), recent => recent.Length == 2, "Ada's second race in her history");
        Assert.Equal((1, 1), (history[0].Place, history[0].Racers));

        // The race with the ghost proves itself from its keys, the ghost's place 0 included.
        var secondRace = (await View(room)).RaceId!;
        var check = await Eventually.Get(() => cluster.Grains.GetGrain<IRaceGrain>(secondRace).Verify(), c => c is { Pending: false }, "the proof");
        Assert.True(check!.Verified, string.Join("; ", check.Racers.Select(r => $"{r.Name}: {r.Recorded} / {r.Recomputed}")));
    }

    /// <summary>
    /// Types a key now and then (so as not to be taken for idle) until the ghosts have finished, then the rest.
    /// </summary>
    private static async Task FinishAfterTheGhosts(IRoomGrain room, PlayerCard racer, int ghosts)
    {
        var keys = TypingScript.Correct(Passage).ToList();
        var typed = 0;
        while ((await room.GetProgress())!.Racers.Count(r => r.Finished) < ghosts)
        {
            await Type(room, racer, [keys[typed]], firstSeq: ++typed);
            await Task.Delay(300);
        }

        await Type(room, racer, keys.Skip(typed), firstSeq: typed + 1);
    }

    /// <summary>Opens the ghost race once the run's last keys are stored: a moment after its race ends, it is pending.</summary>
    private async Task<GhostRace> Open(PlayerCard player, GhostRequest request)
    {
        var reply = await Eventually.Get(() => Ghosts.Open(player.PlayerId, request), r => r.Error?.Code != ErrorCodes.ReplayPending, "the run's keys to be stored");
        Assert.True(reply.IsOk, reply.Error?.ToString());
        return reply.Value!;
    }

    [Fact]
    public async Task Race_this_puts_a_player_in_a_new_room_with_the_ghosts_of_a_finished_races_racers()
    {
        var (room, ada) = await _kit.NewRoom(hostName: "Ada");
        var bo = await _kit.Join(room, "Bo");
        await StartAndWaitForRacing(room, ada);
        await Task.WhenAll(
            TypeLikeAPerson(room, ada, TypingScript.Correct(Passage), msPerKey: 50, seed: 2),
            TypeLikeAPerson(room, bo, TypingScript.Correct(Passage), msPerKey: 55, seed: 3));
        var raced = await WaitForPhase(room, RoomPhase.Results);

        var cy = await _kit.NewPlayer("Cy");
        var opened = await Open(cy, new GhostRequest(GhostKind.Replay, RaceId: raced.RaceId));
        Assert.Equal(["Ghost of Ada", "Ghost of Bo"], opened.Ghosts);
        var replayRoom = cluster.Grains.GetGrain<IRoomGrain>(opened.RoomCode);
        var lobby = await View(replayRoom);
        Assert.Equal((cy.PlayerId, RoomPhase.Lobby), (lobby.HostId, lobby.Phase));
        Assert.Equal([false, true, true], lobby.Members.Select(m => m.IsGhost));
        Assert.Equal(raced.Passage.FirstParagraphIndex, lobby.Passage.FirstParagraphIndex);

        // Cy lets the ghosts finish, in the order their racers did, then types the passage: she is first of one.
        await StartAndWaitForRacing(replayRoom, cy);
        await FinishAfterTheGhosts(replayRoom, cy, ghosts: 2);
        var results = (await WaitForPhase(replayRoom, RoomPhase.Results)).Results!;
        Assert.Equal(["Ghost of Ada", "Ghost of Bo", "Cy"], results.Select(line => line.Name));
        Assert.Equal([0, 0, 1], results.Select(line => line.Place));
        Assert.Equal(raced.Results!.Select(line => line.Position), results.Take(2).Select(line => line.Position));

        // Unknown races and kinds say so.
        Assert.Equal(ErrorCodes.RaceNotFound, (await Refusal(Ghosts.Open(cy.PlayerId, new GhostRequest(GhostKind.Replay, RaceId: new string('a', 32))))).Code);
        Assert.Equal(ErrorCodes.BadGhostRace, (await Refusal(Ghosts.Open(cy.PlayerId, new GhostRequest(GhostKind.Best)))).Code);
    }

    [Fact]
    public async Task A_student_races_the_class_median_of_a_passage_the_cohort_raced_in_a_round()
    {
        const string keyHash = "instructor-key-hash";
        var cohort = cluster.Grains.GetGrain<ICohortGrain>(Engine.Rooms.RoomCode.NewCode());
        Assert.True((await cohort.Create("Week 2", keyHash, "instructor")).IsOk);
        var students = new List<PlayerCard>();
        foreach (var name in new[] { "Ada", "Bo", "Cy" })
        {
            var student = await _kit.NewPlayer(name);
            Assert.True((await cohort.Join(student)).IsOk);
            students.Add(student);
        }

        var request = new GhostRequest(GhostKind.Class, Passage: ShortFromStart, CohortCode: (await cohort.View(null, keyHash)).Value!.Code);
        Assert.Equal(ErrorCodes.NoRunYet, (await Refusal(Ghosts.Open(students[0].PlayerId, request))).Code);

        // One heat of three, typed at three speeds: Bo's run is the median.
        var competition = (await cohort.AddCompetition(keyHash, "Sprint", [ShortFromStart])).Value!;
        var heat = (await cohort.StartRound(keyHash, competition.Id, 0)).Value!.Heats.Single();
        var room = cluster.Grains.GetGrain<IRoomGrain>(heat.RoomCode);
        await WaitForPhase(room, RoomPhase.Racing);
        await Task.WhenAll(students.Select((s, i) => TypeLikeAPerson(room, s, TypingScript.Correct(Passage), msPerKey: 45 + 7 * i, seed: 10 + i)));
        var raced = (await WaitForPhase(room, RoomPhase.Results)).Results!;
        Assert.All(raced, line => Assert.Empty(line.Flags));
        await Eventually.Get(async () => (await cohort.View(null, keyHash)).Value!.Competitions.Single().Rounds.Single(), r => r.State == RoundState.Done, "the round");

        var median = (await cohort.ClassRun(students[2].PlayerId, Passage.FirstParagraphId, PassageLength.Short)).Value!;
        Assert.Equal((students[1].PlayerId, 3), (median.PlayerId, median.Runs));
        Assert.Equal(raced.Single(line => line.Name == "Bo").Wpm, median.Wpm);

        // Cy races it in a room of her own; someone outside the cohort may not.
        var opened = await Open(students[2], request);
        Assert.Equal(["Class median (3 runs)"], opened.Ghosts);
        var members = (await View(cluster.Grains.GetGrain<IRoomGrain>(opened.RoomCode))).Members;
        Assert.Equal(["Cy", "Class median (3 runs)"], members.Select(m => m.Name));
        var stranger = await _kit.NewPlayer("Di");
        Assert.Equal(ErrorCodes.NotAMember, (await Refusal(Ghosts.Open(stranger.PlayerId, request))).Code);
    }
}
