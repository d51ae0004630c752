using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Flood isolation (issue 14): while one connection floods key batches and another client floods REST, a room of
/// honest racers races as if nobody did. Their results are exact, the flooders get rate-limited, and the relay latency
/// of a race without the flood and one with it is printed and written to artifacts/test-results/flood-latency.txt,
/// as figures to read, never to assert: a loaded machine makes any timing threshold flaky.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class FloodIsolationTests(RaceCluster cluster, ITestOutputHelper output)
{
    /// <summary>Keys nobody types in the mini guide: every one the flooder gets through is a mistake, in its own line only.</summary>
    private const string WrongKey = "¤";

    [Fact]
    public async Task Honest_racers_get_exact_results_while_one_connection_floods_keys_and_another_floods_rest()
    {
        await using var gateway = await GatewayInstance.Start(Limited());
        var racers = new List<RaceClient>();
        foreach (var name in (string[])["Ada", "Bo", "Cy"])
        {
            racers.Add(await RaceClient.Connect(gateway, await gateway.Register(name)));
        }

        // Registered before the flood: the REST flooder uses up the IP's account budget, which is every client's here.
        await using var keyFlooder = await RaceClient.Connect(gateway, await gateway.Register("Key flooder"));
        var restFlooder = await gateway.Register("Rest flooder");
        var code = await gateway.RoomWith(racers[0], [.. racers.Skip(1)]);
        Assert.DoesNotContain(WrongKey, HonestRace.Passage.Text, StringComparison.Ordinal);

        // A first race warms up the JIT, the grains and the connections, so the quiet figures are not a cold start's.
        await HonestRace.Run(code, racers);
        var quiet = Watched(racers);
        var calm = await HonestRace.Run(code, racers, quiet);
        quiet.Dispose();

        // The key flooder races with them, from the same room; the REST flooder hammers the boards and sign-up.
        await keyFlooder.Join(code);
        using var stop = new CancellationTokenSource();
        var keyFlood = FloodKeys(keyFlooder, code, stop.Token);
        var restFlood = FloodRest(gateway, restFlooder, stop.Token);
        await Eventually.Get(() => Task.FromResult(keyFlood.RateLimited > 0 && restFlood.RateLimited > 0), flooding => flooding, "both floods to be refused as rate-limited");
        var loud = Watched(racers);
        var flooded = await HonestRace.Run(code, racers, loud);
        loud.Dispose();
        await stop.CancelAsync();
        await Task.WhenAll(keyFlood.Running, restFlood.Running);

        Report(quiet, loud, keyFlood, restFlood);
        Assert.Equal(calm.Select(Typed).Order(), flooded.Select(Typed).Order());
        var flooderLine = Assert.Single((await racers[0].WaitForView(v => v.Phase == RoomPhase.Results, "results")).Results!, line => line.PlayerId == keyFlooder.Player.PlayerId);
        Assert.False(flooderLine.Finished, "the flooder typed only wrong keys");
        Assert.Equal(0, flooderLine.Position);
        Assert.True(keyFlood.Accepted > 0, "some of the flooder's batches reached the room, so the isolation was tested against real keys");
        Assert.Empty(keyFlood.Undocumented);
        Assert.Empty(restFlood.Undocumented);
        foreach (var racer in racers)
        {
            await racer.DisposeAsync();
        }
    }

    /// <summary>
    /// Limits on, as in production. Every client here is 127.0.0.1, so a per-IP limit is one bucket for the honest room
    /// and the flooders together, which on the internet would be separate addresses: the per-IP connection and join caps
    /// are raised so the honest room never meets them. Everything per player and per connection keeps its default
    /// (key batches 40 a second with bursts of 80, reads 300 a minute per player), and so does the per-IP account
    /// limit (100 per 10 minutes): the honest players are registered before the flood uses it up.
    /// </summary>
    private Dictionary<string, string?> Limited()
    {
        var settings = GatewayInstance.ClientOf(cluster);
        settings["Limits:Enabled"] = "true";
        settings["Limits:ConnectionsPerIp"] = "10000";
        settings["Limits:JoinsPerIp:Burst"] = "100000";
        settings["Limits:JoinsPerIp:Per"] = "00:01:00";
        return settings;
    }

    private static RelayLatency Watched(IEnumerable<RaceClient> racers)
    {
        var latency = new RelayLatency();
        foreach (var racer in racers)
        {
            latency.Watch(racer);
        }

        return latency;
    }

    /// <summary>What an honest line says about the typing, without the clock: it must not move when someone floods.</summary>
    private static string Typed(ResultLine line) =>
        $"{line.PlayerId} finished={line.Finished} position={line.Position} accuracy={line.Accuracy} hints={line.Hints} progress={line.Progress}";

    /// <summary>Tallies of a flood: what got through, what was rate-limited, and any answer the docs do not list.</summary>
    private sealed class Flood
    {
        private int _accepted;
        private int _rateLimited;
        private int _other;

        public Task Running { get; set; } = Task.CompletedTask;

        public int Accepted => Volatile.Read(ref _accepted);

        public int RateLimited => Volatile.Read(ref _rateLimited);

        public int Other => Volatile.Read(ref _other);

        public ConcurrentQueue<string> Undocumented { get; } = new();

        public void Count(string? code, string what)
        {
            if (code is null)
            {
                Interlocked.Increment(ref _accepted);
            }
            else if (code == ErrorCodes.RateLimited)
            {
                Interlocked.Increment(ref _rateLimited);
            }
            else
            {
                Interlocked.Increment(ref _other);
                if (!DocumentedErrors.IsDocumented(code))
                {
                    Undocumented.Enqueue($"{what}: {code}");
                }
            }
        }
    }

    /// <summary>
    /// Batches of 50 wrong keys, each sent the moment the last was answered: the batch limit's worth of work for the
    /// room whenever the connection's budget lets one through. A batch the room took moves the flooder's seq on.
    /// </summary>
    private static Flood FloodKeys(RaceClient flooder, string code, CancellationToken stop)
    {
        var flood = new Flood();
        flood.Running = Task.Run(async () =>
        {
            var seq = 1L;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await flooder.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(seq, [.. Enumerable.Range(0, 50).Select(i => new KeyPress(WrongKey, seq * 50 + i))]), stop);
                    seq++;
                    flood.Count(null, "SendKeys");
                }
                catch (HubException refused)
                {
                    flood.Count(HubErrors.CodeOf(refused), "SendKeys");
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);
        return flood;
    }

    /// <summary>Leaderboard reads with the flooder's token and sign-ups without one, two at a time, as fast as they are answered.</summary>
    private static Flood FloodRest(GatewayInstance gateway, TestPlayer flooder, CancellationToken stop)
    {
        var flood = new Flood();
        flood.Running = Task.WhenAll(Enumerable.Range(0, 2).Select(lane => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var read = (i + lane) % 2 == 0;
                using var response = read
                    ? await gateway.Send(HttpMethod.Get, "/api/leaderboards?scope=global&period=allTime&ranking=speed", flooder.Token)
                    : await gateway.Send(HttpMethod.Post, "/api/players", body: new { name = $"Flood {lane}-{i}" });
                var answer = await RestAnswer.Of(response);
                Assert.True(answer.Status < 500, $"the REST flood got {answer.Status}: {answer.Body}");
                flood.Count(answer.Succeeded ? null : answer.Code ?? $"HTTP {answer.Status} without a code", read ? "GET /api/leaderboards" : "POST /api/players");
                Assert.True(answer.Succeeded || answer.Status == (int)HttpStatusCode.TooManyRequests, $"the REST flood got {answer.Status}: {answer.Body}");
            }
        }, CancellationToken.None)));
        return flood;
    }

    private void Report(RelayLatency quiet, RelayLatency loud, Flood keys, Flood rest)
    {
        var lines = new[]
        {
            "Relay latency of honest racers (a racer's SendKeys to another racer's progress frame showing it), 3 racers, mini guide short passage, 2 keys a batch:",
            quiet.Summary("without flood"),
            loud.Summary("with flood"),
            $"key flood: {keys.Accepted} batches taken, {keys.RateLimited} rate-limited, {keys.Other} refused otherwise",
            $"REST flood: {rest.Accepted} answered, {rest.RateLimited} rate-limited, {rest.Other} refused otherwise",
        };
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "test-results");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "flood-latency.txt"), lines);
    }
}
