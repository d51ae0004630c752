using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>Three SignalR racers on two gateway processes' worth of gateways, one test cluster, one race.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MultiGatewayRaceTests(RaceCluster cluster)
{
    [Fact]
    public async Task Three_racers_on_two_gateways_see_each_other_and_get_exact_results()
    {
        await using var east = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var west = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var passage = TestGuides.Passage(0, PassageLength.Short);
        var keys = TypingScript.Correct(passage).ToList();
        var half = keys.Count / 2;

        await using var ada = await RaceClient.Connect(east, await east.Register("Ada"));
        await using var bo = await RaceClient.Connect(east, await east.Register("Bo"));
        await using var cy = await RaceClient.Connect(west, await west.Register("Cy"));
        var code = await east.CreateRoom(ada.Player, TestGuides.MiniId, 0, "short");
        foreach (var racer in new[] { ada, bo, cy })
        {
            await racer.Join(code);
        }

        var beforeStart = Stopwatch.GetTimestamp();
        await ada.Connection.InvokeAsync("StartRace", code);
        var afterStart = Stopwatch.GetTimestamp();
        await Task.WhenAll(new[] { ada, bo, cy }.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing, "racing")));

        // Everyone types half: Bo with two mistakes fixed, Cy with one, and each sees the other two move.
        await ada.Type(code, keys.Take(half));
        await bo.Type(code, keys.Take(3).Concat(["%", "%", "\b", "\b"]).Concat(keys.Skip(3).Take(half - 3)));
        await cy.Type(code, keys.Take(7).Concat(["~", "\b"]).Concat(keys.Skip(7).Take(half - 7)));
        await bo.Connection.InvokeAsync<HintReply>("RequestHint", code);
        await cy.Connection.InvokeAsync<HintReply>("RequestHint", code);
        var secondHint = await cy.Connection.InvokeAsync<HintReply>("RequestHint", code);
        Assert.Equal(2, secondHint.Hints);
        foreach (var watcher in new[] { ada, bo, cy })
        {
            foreach (var racer in new[] { ada, bo, cy })
            {
                await Eventually.Get(
                    () => Task.FromResult(watcher.SeenPosition(racer.Player.PlayerId)),
                    position => position == half,
                    $"{watcher.Player.Name} to see {racer.Player.Name} at {half}");
            }
        }

        // They finish in the order Ada, Bo, Cy.
        var lastSent = new Dictionary<string, long>();
        var lastAcked = new Dictionary<string, long>();
        foreach (var racer in new[] { ada, bo, cy })
        {
            lastSent[racer.Player.PlayerId] = Stopwatch.GetTimestamp();
            var ack = await racer.Type(code, keys.Skip(half), batchSize: 100);
            lastAcked[racer.Player.PlayerId] = Stopwatch.GetTimestamp();
            Assert.True(ack.Finished);
        }

        var results = (await cy.WaitForView(v => v.Phase == RoomPhase.Results, "results")).Results!;
        Assert.Equal([ada.Player.PlayerId, bo.Player.PlayerId, cy.Player.PlayerId], results.Select(r => r.PlayerId));
        Assert.Equal([1, 2, 3], results.Select(r => r.Place));
        Assert.All(results, r => Assert.Equal(passage.CharacterCount, r.Position));
        Assert.All(results, r => Assert.Equal(1.0, r.Progress));
        Assert.Equal([1.0, keys.Count / (keys.Count + 2.0), keys.Count / (keys.Count + 1.0)], results.Select(r => r.Accuracy));
        Assert.Equal([0, 1, 2], results.Select(r => r.Hints));

        // The server's WPM lies between the bounds implied by the clients' own clocks.
        var countdown = TimeSpan.Parse(RaceCluster.TestSettings["Rooms:Countdown"]!);
        foreach (var result in results)
        {
            var longest = Stopwatch.GetElapsedTime(beforeStart, lastAcked[result.PlayerId]) - countdown;
            // Less a millisecond: the key log keeps server times in whole milliseconds.
            var shortest = Stopwatch.GetElapsedTime(afterStart, lastSent[result.PlayerId]) - countdown - TimeSpan.FromMilliseconds(1);
            var words = keys.Count / 5.0;
            Assert.InRange(result.Wpm, words / longest.TotalMinutes, words / shortest.TotalMinutes);
        }
    }

    [Fact]
    public async Task A_gateway_that_stops_renewing_is_dropped_and_the_room_keeps_serving_the_other()
    {
        await using var kept = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var stopped = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var host = await RaceClient.Connect(kept, await kept.Register("Kept"));
        var leaving = await RaceClient.Connect(stopped, await stopped.Register("Leaving"));
        var code = await kept.RoomWith(host, leaving);
        var room = cluster.Grains.GetGrain<IRoomGrain>(code);
        Assert.Equal(2, await room.GetSubscriberCount());

        // The process of the second gateway dies without saying goodbye to the room.
        await leaving.DisposeAsync();
        await stopped.DisposeAsync();
        await Eventually.Get(() => room.GetSubscriberCount(), count => count == 1, "the stopped gateway to be dropped", TimeSpan.FromSeconds(10));

        await host.Connection.InvokeAsync("StartRace", code);
        await host.WaitForView(v => v.Phase == RoomPhase.Racing, "racing");
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).Take(12);
        await host.Type(code, keys);
        await Eventually.Get(() => Task.FromResult(host.SeenPosition(host.Player.PlayerId)), p => p == 12, "progress through the kept gateway");
    }

    [Fact]
    public async Task A_racer_who_reconnects_goes_on_from_their_server_side_position()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var player = await gateway.Register("Phoenix");
        var keys = TypingScript.Correct(TestGuides.Passage(0, PassageLength.Short)).ToList();
        string code;
        await using (var first = await RaceClient.Connect(gateway, player))
        {
            code = await gateway.CreateRoom(player, TestGuides.MiniId, 0, "short");
            await first.Join(code);
            await first.Connection.InvokeAsync("StartRace", code);
            await first.WaitForView(v => v.Phase == RoomPhase.Racing, "racing");
            Assert.Equal(30, (await first.Type(code, keys.Take(30))).Position);
        }

        await using var again = await RaceClient.Connect(gateway, player);
        var view = await again.Join(code);
        Assert.Equal(RoomPhase.Racing, view.Phase);
        Assert.Equal(MemberRole.Racer, view.You!.Role);
        Assert.Equal(30, view.You.Position);
        Assert.Equal(3, view.You.LastSeq);

        again.ResumeAfter(view.You.LastSeq);
        var ack = await again.Type(code, keys.Skip(30));
        Assert.True(ack.Finished);
        Assert.Equal(keys.Count, ack.Position);
    }
}
