using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Cohorts;

/// <summary>A cohort grain on the two-silo test cluster: students, a round in heats, its points and standings.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CohortGrainTests(RaceCluster cluster)
{
    private const string KeyHash = "instructor-key-hash";
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Five_students_race_a_round_in_heats_of_at_most_four_that_start_together_and_are_scored_across_heats()
    {
        var cohort = cluster.Grains.GetGrain<ICohortGrain>(Engine.Rooms.RoomCode.NewCode());
        Assert.True((await cohort.Create("Week 1", KeyHash, "instructor")).IsOk);
        var students = new List<PlayerCard>();
        foreach (var name in new[] { "Ada", "Bo", "Cy", "Di", "Ed" })
        {
            var student = await _kit.NewPlayer(name);
            Assert.True((await cohort.Join(student)).IsOk);
            students.Add(student);
        }

        var competition = (await cohort.AddCompetition(KeyHash, "Sprint", [RoomTestKit.ShortFromStart])).Value!;
        var round = (await cohort.StartRound(KeyHash, competition.Id, 0)).Value!;

        // Five racers and heats of four (the test clusters' room size): two heats, of three and two.
        Assert.Equal(RoundState.Running, round.State);
        Assert.Equal([3, 2], round.Heats.Select(h => h.PlayerIds.Length));
        var rooms = round.Heats.Select(h => cluster.Grains.GetGrain<IRoomGrain>(h.RoomCode)).ToList();
        var views = new List<RoomView>();
        foreach (var room in rooms)
        {
            views.Add(await RoomTestKit.WaitForPhase(room, RoomPhase.Racing));
        }

        Assert.Single(views.Select(v => v.CountdownEndsAt).Distinct());
        var heatOf = round.Heats.SelectMany((h, i) => h.PlayerIds.Select(p => (p, i))).ToDictionary(x => x.p, x => rooms[x.i]);

        // They finish one after another in this order, so each is slower than the one before.
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        int[] order = [4, 1, 3, 0, 2];
        foreach (var i in order)
        {
            await Task.Delay(100);
            Assert.True((await RoomTestKit.Type(heatOf[students[i].PlayerId], students[i], keys)).Finished);
        }

        var done = await Eventually.Get(
            async () => (await cohort.View(null, KeyHash)).Value!.Competitions.Single().Rounds.Single(),
            r => r.State == RoundState.Done,
            "the round to be scored");
        Assert.Equal(order.Select(i => students[i].PlayerId), done.Results.Select(r => r.PlayerId));
        Assert.Equal([5, 4, 3, 2, 1], done.Results.Select(r => r.Points));
        Assert.All(done.Heats, heat => Assert.True(heat.Finished));

        var standings = (await cohort.View(null, KeyHash)).Value!.Competitions.Single().Standings;
        Assert.Equal(order.Select(i => students[i].Name), standings.Select(s => s.Name));
        Assert.Equal([5, 4, 3, 2, 1], standings.Select(s => s.Points));

        // A student sees the cohort, with no heat to go to now; a stranger and a wrong key do not.
        var seen = (await cohort.View(students[0].PlayerId, null)).Value!;
        Assert.Null(seen.You!.HeatRoomCode);
        Assert.Equal(ErrorCodes.NotAMember, (await RoomTestKit.Refusal(cohort.View("stranger", null))).Code);
        Assert.Equal(ErrorCodes.InstructorKeyRequired, (await RoomTestKit.Refusal(cohort.View(null, "wrong"))).Code);
    }
}
