using TypingRace.Abstractions;
using TypingRace.Engine.Cohorts;
using TypingRace.Engine.Guides;
using TypingRace.Grains.Tests.Rooms;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Cohorts;

/// <summary>A marathon outlives the silo that held its cohort: the results stand and each student goes on where they stopped.</summary>
[Collection(FailoverCollection.Name)]
public sealed class MarathonResumeTests(FailoverCluster cluster)
{
    private const string KeyHash = "instructor-key-hash";
    private readonly RoomTestKit _kit = new(cluster.Grains);

    [Fact]
    public async Task Killing_the_cohorts_silo_keeps_every_step_typed_and_the_next_step_is_the_first_without_a_result()
    {
        var (cohort, code) = await CohortOffThePrimarySilo();
        var ada = await _kit.NewPlayer("Ada");
        var bo = await _kit.NewPlayer("Bo");
        Assert.True((await cohort.Join(ada)).IsOk);
        Assert.True((await cohort.Join(bo)).IsOk);
        var steps = Marathon.Steps(TestGuides.Mini, PassageLength.Short);
        Assert.True((await cohort.OpenMarathon(KeyHash, TestGuides.MiniId, PassageLength.Short)).IsOk);

        // Ada types two steps, the second with two slips; Bo one. Then the silo holding the cohort dies.
        var first = await TypeStep(cohort, ada, 0, slip: false);
        var second = await TypeStep(cohort, ada, 1, slip: true);
        await TypeStep(cohort, bo, 0, slip: false);
        var before = await Eventually.Get(
            async () => (await cohort.View(null, KeyHash)).Value!.Marathon!,
            marathon => marathon.Progress.Sum(p => p.Done) == 3,
            "three steps to reach the cohort");

        var silo = await cluster.KillSiloOf(cluster.Grains.GetGrain<ICohortGrain>(code));

        // Elsewhere, from Redis: the same results, to the paragraph, and the same steps.
        var after = await Eventually.Get(
            async () => (await cohort.View(null, KeyHash)).Value?.Marathon,
            marathon => marathon is not null,
            "the cohort to come back on another silo");
        Assert.NotEqual(silo, await SiloOf(code));
        Assert.Equal(before.Steps, after!.Steps);
        var adaRow = after.Progress.Single(p => p.PlayerId == ada.PlayerId);
        Assert.Equal(2, adaRow.Done);
        Assert.Equal([1.0, second.Expected], adaRow.Results.Select(r => r.Accuracy));
        Assert.Equal(first.Line.TimeMs, adaRow.Results[0].TimeMs);
        Assert.Equal(
            before.Progress.Single(p => p.PlayerId == ada.PlayerId).Results.SelectMany(r => r.Paragraphs!),
            adaRow.Results.SelectMany(r => r.Paragraphs!));
        Assert.Equal(steps[1].ParagraphCount, adaRow.Results[1].Paragraphs!.Length);
        Assert.Equal(adaRow.Results[1].TimeMs, adaRow.Results[1].Paragraphs![^1].SplitMs);
        Assert.Equal(1, after.Progress.Single(p => p.PlayerId == bo.PlayerId).Done);

        // Each goes on at their first step without a result: Ada at the third, Bo at the second.
        Assert.Equal(2, (await cohort.NextStep(ada.PlayerId)).Value!.Step);
        await TypeStep(cohort, bo, 1, slip: false);
        var end = await Eventually.Get(
            async () => (await cohort.View(null, KeyHash)).Value!.Marathon!,
            marathon => marathon.Progress.Single(p => p.PlayerId == bo.PlayerId).Done == 2,
            "Bo's second step after the failover");
        Assert.Equal([0, 1], end.Progress.Single(p => p.PlayerId == bo.PlayerId).Results.Select(r => r.Step));
    }

    /// <summary>Types a student's next step (which must be <paramref name="step"/>) to the end; the result line and the accuracy the keys imply.</summary>
    private async Task<(ResultLine Line, double Expected)> TypeStep(ICohortGrain cohort, PlayerCard student, int step, bool slip)
    {
        var next = (await cohort.NextStep(student.PlayerId)).Value!;
        Assert.Equal(step, next.Step);
        var room = cluster.Grains.GetGrain<IRoomGrain>(next.RoomCode);
        await RoomTestKit.WaitForPhase(room, RoomPhase.Racing);
        var passage = PassageBuilder.Build(TestGuides.Mini, Marathon.Steps(TestGuides.Mini, PassageLength.Short)[step].FirstParagraphIndex, PassageLength.Short);
        var keys = TypingScript.Correct(passage).ToList();
        var typed = slip ? keys.Take(3).Concat(["%", "%", "\b", "\b"]).Concat(keys.Skip(3)).ToList() : keys;
        Assert.True((await RoomTestKit.Type(room, student, typed)).Finished);
        var results = (await RoomTestKit.WaitForPhase(room, RoomPhase.Results)).Results!;

        // The room reports the step one-way; the next step is asked for once the cohort has it.
        await Eventually.Get(
            async () => (await cohort.View(null, KeyHash)).Value!.Marathon!.Progress.Single(p => p.PlayerId == student.PlayerId).Done,
            done => done > step,
            $"{student.Name}'s step {step + 1} to reach the cohort");
        return (results.Single(r => r.PlayerId == student.PlayerId), keys.Count / (double)(keys.Count + (slip ? 2 : 0)));
    }

    private Task<(ICohortGrain Cohort, string Code)> CohortOffThePrimarySilo() => cluster.OffThePrimary(
        async () =>
        {
            var code = Engine.Rooms.RoomCode.NewCode();
            var cohort = cluster.Grains.GetGrain<ICohortGrain>(code);
            Assert.True((await cohort.Create("Marathon class", KeyHash, "instructor")).IsOk);
            return (cohort, code);
        },
        made => made.cohort);

    private Task<SiloAddress?> SiloOf(string code) => cluster.SiloOf(cluster.Grains.GetGrain<ICohortGrain>(code));
}
