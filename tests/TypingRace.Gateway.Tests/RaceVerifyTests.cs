using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>Twenty real room races at once over SignalR; each one's results are proved from its stored keys over REST.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RaceVerifyTests(RaceCluster cluster)
{
    private const int Rooms = 20;

    [Fact]
    public async Task Twenty_races_run_in_parallel_and_every_result_verifies_exactly_from_its_keys()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var races = await Task.WhenAll(Enumerable.Range(0, Rooms).Select(room => RunRace(gateway, room)));

        foreach (var (raceId, results) in races)
        {
            // Until the record is filed and the last keys are stored, the race is not found, then pending.
            var check = await Eventually.Get(
                async () => await gateway.Http.GetAsync($"/api/races/{raceId}/verify") is { StatusCode: HttpStatusCode.OK } ok
                    ? await ok.Content.ReadFromJsonAsync<RaceCheck>(GatewayInstance.Json)
                    : null,
                found => found is { Pending: false },
                $"race {raceId} to be ready to verify");
            Assert.True(check!.Verified, string.Join("; ", check.Racers.Select(r => $"{r.Name}: recorded {r.Recorded}, recomputed {r.Recomputed}")));
            Assert.Null(check.Problem);

            // The proof compares what the room showed its racers, figure for figure.
            Assert.Equal(
                results.Select(r => (r.PlayerId, r.Place, r.Wpm, r.Accuracy, r.TimeMs, r.Hints, r.Position)),
                check.Racers.Select(r => (r.PlayerId, r.Recomputed!.Place, r.Recomputed.Wpm, r.Recomputed.Accuracy, r.Recomputed.TimeMs, r.Recomputed.Hints, r.Recomputed.Position)));
            Assert.All(check.Racers, r => Assert.True(r.Keys > 0));
        }

        // Each race plays again from the same keys: every racer's cursor ends where their result says, at its time.
        foreach (var (raceId, results) in races)
        {
            var replay = await gateway.Http.GetFromJsonAsync<RaceReplay>($"/api/races/{raceId}/replay", GatewayInstance.Json);
            Assert.Equal(results.Select(r => (r.PlayerId, r.Place, r.Wpm)), replay!.Racers.Select(r => (r.Result.PlayerId, r.Result.Place, r.Result.Wpm)));
            Assert.NotNull(replay.Passage.Text);
            foreach (var (racer, result) in replay.Racers.Zip(results))
            {
                var steps = racer.Steps.Chunk(3).ToList();
                Assert.Equal([0, 0, 0], steps[0]);
                Assert.Equal(result.Position, steps[^1][1]);
                Assert.Equal(result.TimeMs, steps[^1][0]);
                Assert.True(steps.Zip(steps.Skip(1)).All(pair => pair.First[0] <= pair.Second[0]), "steps in time order");
                Assert.Equal(result.Accuracy < 1, steps.Any(step => step[2] > 0));
            }

            Assert.Equal(results.Max(r => r.TimeMs), replay.DurationMs);
        }

        // The race's own record is there by the same id; a made-up or malformed id is not found.
        var record = await gateway.Http.GetFromJsonAsync<RaceCompleted>($"/api/races/{races[0].RaceId}", GatewayInstance.Json);
        Assert.Equal(races[0].Results.Select(r => r.PlayerId), record!.Lines.Select(l => l.PlayerId));
        foreach (var path in new[] { $"/api/races/{new string('0', 32)}/verify", "/api/races/not-a-race/verify", $"/api/races/{new string('0', 32)}", $"/api/races/{new string('0', 32)}/replay" })
        {
            await GatewayInstance.ExpectRefusal(await gateway.Http.GetAsync(path), HttpStatusCode.NotFound, ErrorCodes.RaceNotFound, path);
        }
    }

    [Fact]
    public async Task Race_this_over_rest_opens_a_room_with_the_ghosts_of_a_races_racers_and_bad_requests_get_their_codes()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var (raceId, results) = await RunRace(gateway, 7);
        var di = await gateway.Register("Di");

        // The three racers' ghosts fill the room with Di, best place first; Di hosts it, in its lobby, on the raced passage.
        var opened = await Eventually.Get(
            () => gateway.Send(HttpMethod.Post, "/api/ghost-races", di.Token, new { kind = "replay", raceId }),
            response => response.StatusCode != HttpStatusCode.BadRequest && response.StatusCode != HttpStatusCode.Conflict,
            "the race's keys to be stored");
        var body = await opened.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(GatewayInstance.Json);
        Assert.True(opened.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(results.Select(r => $"Ghost of {r.Name}"), body.GetProperty("ghosts").EnumerateArray().Select(g => g.GetString()));
        var code = body.GetProperty("code").GetString()!;
        Assert.Equal($"/r/{code}", body.GetProperty("link").GetString());
        var room = (await gateway.Http.GetFromJsonAsync<RoomView>($"/api/rooms/{code}", GatewayInstance.Json))!;
        Assert.Equal((di.PlayerId, RoomPhase.Lobby, 4), (room.HostId, room.Phase, room.Members.Length));
        Assert.Equal([false, true, true, true], room.Members.Select(m => m.IsGhost));
        Assert.All(room.Members.Skip(1), m => Assert.Equal("", m.Tag));

        // The room is full now; no best run yet; unknown races, kinds, lengths and cohorts; no token.
        var refusals = new (object Body, HttpStatusCode Status, string Code)[]
        {
            (new { kind = "replay", raceId, room = code }, HttpStatusCode.BadRequest, ErrorCodes.RoomFull),
            (new { kind = "best", room = code }, HttpStatusCode.NotFound, ErrorCodes.NoRunYet),
            (new { kind = "replay", raceId = new string('0', 32) }, HttpStatusCode.NotFound, ErrorCodes.RaceNotFound),
            (new { kind = "fastest" }, HttpStatusCode.BadRequest, ErrorCodes.BadGhostRace),
            (new { kind = "best" }, HttpStatusCode.BadRequest, ErrorCodes.BadGhostRace),
            (new { kind = "best", guideId = TestGuides.MiniId, paragraphIndex = 0, length = "huge" }, HttpStatusCode.BadRequest, ErrorCodes.BadLength),
            (new { kind = "best", guideId = TestGuides.MiniId, paragraphIndex = 99, length = "short" }, HttpStatusCode.BadRequest, ErrorCodes.ParagraphOutOfRange),
            (new { kind = "best", guideId = "no-such-guide", paragraphIndex = 0, length = "short" }, HttpStatusCode.NotFound, ErrorCodes.GuideNotFound),
            (new { kind = "class", guideId = TestGuides.MiniId, paragraphIndex = 0, length = "short", cohort = "ZZZZZZ" }, HttpStatusCode.NotFound, ErrorCodes.CohortNotFound),
        };
        foreach (var (request, status, error) in refusals)
        {
            await GatewayInstance.ExpectRefusal(await gateway.Send(HttpMethod.Post, "/api/ghost-races", di.Token, request), status, error, request.ToString()!);
        }

        var stranger = await gateway.Register("Ed");
        await GatewayInstance.ExpectRefusal(
            await gateway.Send(HttpMethod.Post, "/api/ghost-races", stranger.Token, new { kind = "best", room = code }), HttpStatusCode.BadRequest, ErrorCodes.NotInRoom);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Send(HttpMethod.Post, "/api/ghost-races", null, new { kind = "best" })).StatusCode);
    }

    /// <summary>Three racers type one room's passage, each slipping and asking for hints in their own way, and finish one after another.</summary>
    private static async Task<(string RaceId, ResultLine[] Results)> RunRace(GatewayInstance gateway, int room)
    {
        var random = new Random(room);
        var passage = TestGuides.Passage(room % 5, PassageLength.Short);
        var keys = TypingScript.Correct(passage).ToList();
        var racers = new List<RaceClient>();
        try
        {
            foreach (var name in new[] { "Ada", "Bo", "Cy" })
            {
                racers.Add(await RaceClient.Connect(gateway, await gateway.Register($"{name} {room}")));
            }

            var code = await gateway.CreateRoom(racers[0].Player, TestGuides.MiniId, room % 5, "short");
            foreach (var racer in racers)
            {
                await racer.Join(code);
            }

            await racers[0].Connection.InvokeAsync("StartRace", code);
            await Task.WhenAll(racers.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing, "racing")));
            var half = keys.Count / 2;
            foreach (var racer in racers)
            {
                var slipAt = random.Next(1, half);
                var slips = random.Next(0, 3);
                await racer.Type(code, keys.Take(slipAt).Concat(Enumerable.Repeat("#", slips)).Concat(Enumerable.Repeat("\b", slips)).Concat(keys.Skip(slipAt).Take(half - slipAt)), batchSize: random.Next(3, 12));
                for (var hint = random.Next(0, 3); hint > 0; hint--)
                {
                    await racer.Connection.InvokeAsync<HintReply>("RequestHint", code);
                }
            }

            foreach (var racer in racers.OrderBy(_ => random.Next()))
            {
                Assert.True((await racer.Type(code, keys.Skip(half), batchSize: random.Next(5, 30))).Finished);
            }

            var view = await racers[0].WaitForView(v => v.Code == code && v.Phase == RoomPhase.Results && v.RaceId is not null, "results with their race id");
            return (view.RaceId!, view.Results!);
        }
        finally
        {
            foreach (var racer in racers)
            {
                await racer.DisposeAsync();
            }
        }
    }
}
