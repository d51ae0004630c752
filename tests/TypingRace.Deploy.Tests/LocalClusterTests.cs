using System.Net.Http.Json;
using System.Text.Json;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>
/// Races on deploy/local-cluster.sh's real processes behind real nginx, while silos, gateways and Redis are killed,
/// stopped and restarted under them. Every figure is checked against what the scripted keys imply.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LocalClusterTests(LocalCluster cluster) : IAsyncLifetime
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);
    private static readonly List<string> Keys = TypingScript.Correct(Passage).ToList();
    private readonly HttpClient _http = new() { BaseAddress = cluster.Address };

    public Task InitializeAsync() => EveryProcessReady();

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Four_racers_through_nginx_see_each_other_live_and_each_result_lands_in_history_and_boards_once()
    {
        // Two through nginx, and one straight to each gateway, so both gateways carry racers whatever nginx picks.
        var (code, racers) = await Room(["Ada", "Bo", "Cy", "Di"], [null, "gateway-1", null, "gateway-2"]);
        await Start(code, racers);

        // Human-paced, so the results are ranked; Bo slips twice and backspaces, Cy asks for a hint.
        var scripts = new[] { Keys, WithSlips(Keys), Keys, Keys };
        var half = Keys.Count / 2;
        await Task.WhenAll(racers.Select((racer, i) => Paced(racer, scripts[i].Take(half + (i == 1 ? 4 : 0)), seed: i)));
        await racers[2].RequestHint();
        foreach (var watcher in racers)
        {
            foreach (var racer in racers)
            {
                await Eventually.Get(() => Task.FromResult(watcher.SeenPosition(racer.Player.PlayerId)), p => p == half, $"{watcher.Player.Name} to see {racer.Player.Name} at {half}");
            }
        }

        // They finish one after another: Ada, Bo, Cy, Di.
        for (var i = 0; i < racers.Length; i++)
        {
            await Paced(racers[i], scripts[i].Skip(half + (i == 1 ? 4 : 0)), seed: 10 + i);
        }

        var results = await Results(racers[0]);
        Assert.Equal(racers.Select(r => r.Player.PlayerId), results.Select(r => r.PlayerId));
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.Equal([1.0, Keys.Count / (Keys.Count + 2.0), 1.0, 1.0], results.Select(r => r.Accuracy));
        Assert.Equal([0, 0, 1, 0], results.Select(r => r.Hints));
        Assert.All(results, line => Assert.Empty(line.Flags));

        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, results.Single(r => r.PlayerId == racer.Player.PlayerId));
        }

        var board = await Json($"/api/leaderboards?scope=passage&id={Engine.Leaderboards.BoardKeys.PassageId(Passage.FirstParagraphId, PassageLength.Short)}&period=allTime&ranking=speed&top=50");
        var entries = board.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("playerId").GetString()).ToList();
        Assert.All(racers, racer => Assert.Single(entries, id => id == racer.Player.PlayerId));
    }

    [Fact]
    public async Task Killing_the_silo_that_holds_the_room_mid_race_loses_no_key_and_the_race_ends_with_exact_figures()
    {
        var (code, racers) = await Room(["Eve", "Fay"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        var slipped = WithSlips(Keys);
        await racers[0].Type(Keys.Take(half));
        await racers[1].Type(slipped.Take(half + 4));
        await racers[1].RequestHint();

        var silo = cluster.SiloHolding(code);
        var pid = cluster.Pid(silo);
        LocalCluster.Signal(pid, "KILL");

        // Each goes on typing at once; their calls fail until the room is back on the other silo, then they resend.
        await Task.WhenAll(racers[0].Type(Keys.Skip(half), batchSize: 4), racers[1].Type(slipped.Skip(half + 4), batchSize: 4));
        var results = await Results(racers[0]);

        Assert.Equal(racers.Select(r => r.Player.PlayerId).Order(), results.Select(r => r.PlayerId).Order());
        Assert.All(results, line => Assert.True(line.Finished));
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.Equal(1.0, Line(results, racers[0]).Accuracy);
        Assert.Equal(Keys.Count / (Keys.Count + 2.0), Line(results, racers[1]).Accuracy, 12);
        Assert.Equal(1, Line(results, racers[1]).Hints);
        var other = silo == "silo-1" ? "silo-2" : "silo-1";
        Assert.Contains($"Room {code} race 1 resumed", LocalCluster.ReadShared(cluster.LogOf(other)), StringComparison.Ordinal);
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await cluster.WaitForRestart(silo, pid);
    }

    [Fact]
    public async Task Stopping_a_gateway_mid_race_moves_its_racers_to_the_other_through_nginx_and_they_finish_exactly()
    {
        // Two on gateway-1, which is then stopped; one on gateway-2.
        var (code, racers) = await Room(["Gus", "Hal", "Ivy"], ["gateway-1", "gateway-1", "gateway-2"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        foreach (var racer in racers)
        {
            await racer.Type(Keys.Take(half));
        }

        // A rolling update stops gateway-1: its clients are told to move, and nginx sends them to gateway-2.
        var pid = cluster.Pid("gateway-1");
        LocalCluster.Signal(pid, "TERM");
        await Eventually.Get(() => Task.FromResult(racers.Sum(r => r.Drained)), moved => moved == 2, "both racers on gateway-1 to be told to move", TimeSpan.FromSeconds(30));
        foreach (var racer in racers)
        {
            await racer.Type(Keys.Skip(half));
        }

        var results = await Results(racers[0]);
        Assert.Equal(racers.Select(r => r.Player.PlayerId), results.Select(r => r.PlayerId));
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.All(results, line => Assert.Equal(1.0, line.Accuracy));
        Assert.Contains("Drained: every client has moved", LocalCluster.ReadShared(cluster.LogOf("gateway-1")), StringComparison.Ordinal);
        await cluster.WaitForRestart("gateway-1", pid);
    }

    [Fact]
    public async Task A_redis_restart_mid_race_delays_results_without_losing_or_doubling_any_and_readiness_recovers()
    {
        var (code, racers) = await Room(["Jo", "Kai"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Take(half))));

        var pid = cluster.Pid("redis");
        LocalCluster.Signal(pid, "KILL");
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Skip(half))));
        var results = await Results(racers[0]);
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.All(results, line => Assert.Equal(1.0, line.Accuracy));

        await cluster.WaitForRestart("redis", pid);
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await Eventually.Get(() => _http.GetStringAsync("/readyz"), body => body == "Healthy", "readiness to recover", TimeSpan.FromSeconds(60));
    }

    /// <summary>A room of racers, the i-th of them connected first to <paramref name="gateways"/>[i], or through nginx.</summary>
    private async Task<(string Code, ClusterRacer[] Racers)> Room(string[] names, string?[]? gateways = null)
    {
        var racers = new ClusterRacer[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var gateway = gateways?[i] is { } name ? new Uri($"http://127.0.0.1:{cluster.HttpPort(name)}") : null;
            racers[i] = await ClusterRacer.Register(cluster.Address, names[i], gateway);
        }

        var code = await racers[0].CreateRoom(TestGuides.MiniId, 0, "short");
        foreach (var racer in racers)
        {
            await racer.Join(code);
        }

        return (code, racers);
    }

    private static async Task Start(string code, ClusterRacer[] racers)
    {
        await racers[0].Invoke("StartRace", code);
        await Task.WhenAll(racers.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing, "racing")));
    }

    private static IEnumerable<string> WithSlips(List<string> keys) => keys.Take(5).Concat(["x", "y", "\b", "\b"]).Concat(keys.Skip(5)).ToList();

    /// <summary>Eight keys at a time with a person's spacing, so the result is not too fast to rank.</summary>
    private static async Task Paced(ClusterRacer racer, IEnumerable<string> keys, int seed)
    {
        var random = new Random(seed);
        foreach (var chunk in keys.Chunk(8))
        {
            await Task.Delay(chunk.Length * random.Next(55, 75));
            await racer.Type(chunk, batchSize: 8);
        }
    }

    private static async Task<ResultLine[]> Results(ClusterRacer racer) =>
        (await racer.WaitForView(v => v.Phase == RoomPhase.Results && v.Results!.All(line => line.Standing is not null), "results with standings", TimeSpan.FromSeconds(90))).Results!;

    private static ResultLine Line(ResultLine[] results, ClusterRacer racer) => results.Single(r => r.PlayerId == racer.Player.PlayerId);

    private async Task OneRaceInHistory(ClusterRacer racer, ResultLine line)
    {
        var stats = await Eventually.Get(
            () => Json($"/api/players/{racer.Player.PlayerId}/stats"),
            body => body.GetProperty("stats").GetProperty("races").GetInt64() >= 1,
            $"{racer.Player.Name}'s race in the history",
            TimeSpan.FromSeconds(60));
        Assert.Equal(1, stats.GetProperty("stats").GetProperty("races").GetInt64());
        var recent = stats.GetProperty("stats").GetProperty("recent").EnumerateArray().ToList();
        Assert.Single(recent);
        Assert.Equal(line.Accuracy, recent[0].GetProperty("accuracy").GetDouble(), 6);
    }

    private async Task<JsonElement> Json(string path) => await _http.GetFromJsonAsync<JsonElement>(path, ClusterRacer.Json);

    private async Task EveryProcessReady()
    {
        foreach (var name in new[] { "silo-1", "silo-2", "gateway-1", "gateway-2" })
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.HttpPort(name)}"), Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.Get(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync("/readyz")).IsSuccessStatusCode;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                ready => ready,
                $"{name} to be ready",
                TimeSpan.FromSeconds(90));
        }
    }
}
