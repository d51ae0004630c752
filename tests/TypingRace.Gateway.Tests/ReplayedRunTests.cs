using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Races;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// A script that plays another race's log again over SignalR is flagged in its room and kept off the boards, while
/// an honest racer beside it is not, and the race still proves itself from its keys (docs/fair-play.md, "Replayed runs").
/// </summary>
public sealed class ReplayedRunTests
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);

    [Fact]
    public async Task A_script_replaying_an_earlier_run_is_flagged_replayed_and_an_honest_racer_beside_it_is_not()
    {
        // Slow enough that a stall of a busy machine bends a segment of ten keys little; the limit leaves room for it.
        await using var gateway = await GatewayInstance.Start(GatewayInstance.CoHostedAtAPersonsPace());
        var grains = gateway.Services.GetRequiredService<IGrainFactory>();

        // Ada's run, with two slips she backspaces.
        var keys = TypingScript.Correct(Passage).ToList();
        List<string> withSlips = [.. keys[..15], "x", "\b", .. keys[15..48], "q", "\b", .. keys[48..]];
        await using var ada = await RaceClient.Connect(gateway, await gateway.Register("Ada"));
        var first = await gateway.RoomWith(ada);
        await Race(ada, first, () => ada.TypeHumanly(first, withSlips, msPerKey: 120, seed: 21));
        var original = (await ada.WaitForView(v => v.Phase == RoomPhase.Results, "Ada's results")).Results!.Single();
        Assert.Empty(original.Flags);
        var raceId = ada.LatestView!.RaceId!;

        // Kept by the passage's runs grain: a moment later, the same run from another race is known.
        var runs = grains.GetGrain<IPassageRunsGrain>(BoardKeys.PassageId(Passage.FirstParagraphId, PassageLength.Short));
        var ghost = await Eventually.Get(() => grains.GetGrain<IRaceGrain>(raceId).Ghosts([ada.Player.PlayerId]), g => g?.Value is not null, "Ada's stored keys");
        var recorded = GhostRuns.Decode(ghost!.Value!.Single().Keys);

        // Bo's script sends Ada's keys again at the times they counted for her; Cy types her own way beside him.
        await using var bo = await RaceClient.Connect(gateway, await gateway.Register("Bo"));
        await using var cy = await RaceClient.Connect(gateway, await gateway.Register("Cy"));
        var second = await gateway.RoomWith(bo, cy);
        await Race(bo, second, () => Task.WhenAll(PlayAgain(bo, second, recorded), cy.TypeHumanly(second, keys, msPerKey: 120, seed: 22)));
        var results = (await bo.WaitForView(v => v.Phase == RoomPhase.Results && v.Results!.All(line => line.Standing is not null), "results with standings")).Results!;
        var boLine = results.Single(line => line.PlayerId == bo.Player.PlayerId);
        var cyLine = results.Single(line => line.PlayerId == cy.Player.PlayerId);
        Assert.Equal(["replayed"], boLine.Flags);
        Assert.Empty(boLine.Standing!.Ranks);
        Assert.Empty(cyLine.Flags);
        Assert.NotEmpty(cyLine.Standing!.Ranks);

        // The flag is the room's judgement, kept with the record: the race still proves itself from its keys.
        var secondRace = bo.LatestView!.RaceId!;
        var check = await Eventually.Get(() => grains.GetGrain<IRaceGrain>(secondRace).Verify(), c => c is { Pending: false }, "the proof");
        Assert.True(check!.Verified, string.Join("; ", check.Racers.Select(r => $"{r.Name}: {r.Recorded} / {r.Recomputed}")));
        Assert.Equal(["replayed"], check.Racers.Single(r => r.PlayerId == bo.Player.PlayerId).Recomputed!.Flags);
    }

    private static async Task Race(RaceClient host, string code, Func<Task> type)
    {
        await host.Connection.InvokeAsync("StartRace", code);
        await host.WaitForView(v => v.Phase == RoomPhase.Racing, "racing");
        await type();
    }

    /// <summary>A replaying script: sends each recorded key when its time comes, with whatever else is due by then.</summary>
    private static async Task PlayAgain(RaceClient racer, string code, IReadOnlyList<ScheduledKey> keys)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        while (sent < keys.Count)
        {
            if (keys[sent].AtMs - clock.ElapsedMilliseconds is > 0 and var wait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            var due = keys.Skip(sent).TakeWhile(key => key.AtMs <= clock.ElapsedMilliseconds).Take(50).ToList();
            if (due.Count > 0)
            {
                await racer.Connection.InvokeAsync<KeyAck>("SendKeys", code, racer.NextBatch([.. due.Select(key => new KeyPress(key.Text, key.AtMs))]));
                sent += due.Count;
            }
        }
    }
}
