using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>A race on a healthy cluster, through nginx and both gateways.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClusterRaceTests(LocalCluster cluster) : LocalClusterTests(cluster), IClassFixture<LocalCluster>
{
    private async Task<string> Scrape(string process)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Cluster.MetricsPort(process)}") };
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>The sum over <paramref name="processes"/> of a metric's samples whose labels include <paramref name="label"/>.</summary>
    private async Task<double> Metric(string[] processes, string name, string label = "")
    {
        var sum = 0.0;
        foreach (var process in processes)
        {
            foreach (var line in (await Scrape(process)).Split('\n'))
            {
                if (line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal))
                {
                    sum += double.Parse(line[(line.IndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return sum;
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

        // nginx saw the sockets of the two who came through it (it logs one when it closes), and logged no token.
        foreach (var racer in racers)
        {
            await racer.DisposeAsync();
        }

        var access = await Eventually.Get(
            () => Task.FromResult(LocalCluster.ReadShared(Path.Combine(Cluster.RunDir, "nginx", "access.log"))),
            log => log.Split("/hubs/race").Length > 2, // the two racers that connected through nginx
            "nginx to log the closed sockets");
        Assert.DoesNotContain("access_token", access, StringComparison.Ordinal);

        // Prometheus sees the race on the processes' metrics ports, and players' ports do not serve it.
        var accepted = racers.Sum(racer => racer == racers[1] ? Keys.Count + 4 : Keys.Count);
        Assert.Equal(accepted, await Metric(["gateway-1", "gateway-2"], "typingrace_gateway_keys_total", "outcome=\"accepted\""));
        Assert.Equal(4, await Metric(["silo-1", "silo-2"], "typingrace_results_written_total"));
        Assert.Equal(1, await Metric(["silo-1", "silo-2"], "typingrace_rooms_active", "phase=\"results\""));

        // Both gateways timed the frames that carried their racers' keys back out.
        foreach (var gateway in new[] { "gateway-1", "gateway-2" })
        {
            Assert.True(await Metric([gateway], "typingrace_gateway_relay_latency_milliseconds_count") > 0, $"{gateway} timed no relayed frame");
            Assert.True(await Metric([gateway], "typingrace_gateway_relay_latency_milliseconds_sum") > 0, $"{gateway} timed every frame at 0 ms");
        }
        using var players = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Cluster.HttpPort("gateway-1")}") };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await players.GetAsync("/metrics")).StatusCode);

        // Every metric the Grafana dashboard reads is one these processes export, but the two failure counters: a
        // healthy race leaves them at zero, and a counter that never counted is not exported.
        var scraped = string.Concat(await Task.WhenAll(new[] { "silo-1", "silo-2", "gateway-1", "gateway-2" }.Select(Scrape)));
        var dashboard = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "grafana", "typingrace.json"));
        var read = System.Text.RegularExpressions.Regex.Matches(dashboard, "typingrace_[a-z_]+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(read);
        string[] zeroWhenHealthy = ["typingrace_results_dropped_total", "typingrace_rooms_gateway_push_failures_total"];
        Assert.All(read.Except(zeroWhenHealthy), name => Assert.Contains(name, scraped, StringComparison.Ordinal));

        // The probe mode the images' HEALTHCHECK runs: 0 for a ready host, 1 for one that does not answer.
        Assert.Equal(0, await LocalCluster.Probe("TypingRace.Gateway", $"http://127.0.0.1:{Cluster.HttpPort("gateway-1")}/readyz"));
        Assert.Equal(0, await LocalCluster.Probe("TypingRace.Silo", $"http://127.0.0.1:{Cluster.HttpPort("silo-1")}/readyz"));
        Assert.Equal(1, await LocalCluster.Probe("TypingRace.Gateway", $"http://127.0.0.1:{LoopbackPorts.Free()}/readyz"));
    }
}

/// <summary>A silo killed, a gateway stopped and Redis restarted under races in progress.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class FailoverTests(LocalCluster cluster) : LocalClusterTests(cluster), IClassFixture<LocalCluster>
{
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

        var silo = Cluster.SiloHolding(code);
        var pid = Cluster.Pid(silo);
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
        // It came back on the other silo, or on this one started again, whichever the cluster chose.
        Assert.Contains(["silo-1", "silo-2"], name => System.Text.RegularExpressions.Regex.IsMatch(
            LocalCluster.ReadShared(Cluster.LogOf(name)), $@"Room {code} race 1 \([0-9a-f]{{32}}\) resumed"));
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await Cluster.WaitForRestart(silo, pid);
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
        var pid = Cluster.Pid("gateway-1");
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
        Assert.Contains("Drained: every client has moved", LocalCluster.ReadShared(Cluster.LogOf("gateway-1")), StringComparison.Ordinal);
        await Cluster.WaitForRestart("gateway-1", pid);
    }

    [Fact]
    public async Task Killing_a_gateway_mid_race_reconnects_its_racers_through_nginx_and_they_finish_exactly()
    {
        // Both on gateway-2, which dies without a word (SIGKILL): their sockets drop and they come back through nginx.
        var (code, racers) = await Room(["Ned", "Oda"], ["gateway-2", "gateway-2"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Take(half))));

        var pid = Cluster.Pid("gateway-2");
        LocalCluster.Signal(pid, "KILL");
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Skip(half), batchSize: 4)));

        var results = await Results(racers[0]);
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.All(results, line => Assert.Equal(1.0, line.Accuracy));
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await Cluster.WaitForRestart("gateway-2", pid);
    }

    [Fact]
    public async Task A_redis_restart_mid_race_delays_results_without_losing_or_doubling_any_and_readiness_recovers()
    {
        var (code, racers) = await Room(["Jo", "Kai"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Take(half))));

        var pid = Cluster.Pid("redis");
        LocalCluster.Signal(pid, "KILL");
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Skip(half))));
        var results = await Results(racers[0]);
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.All(results, line => Assert.Equal(1.0, line.Accuracy));

        await Cluster.WaitForRestart("redis", pid);
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await Eventually.Get(() => Http.GetStringAsync("/readyz"), body => body == "Healthy", "readiness to recover", TimeSpan.FromSeconds(60));
    }
}

/// <summary>A silo stopped gracefully, as Kubernetes stops a pod, under a race in progress.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class SiloStopTests(LocalCluster cluster) : LocalClusterTests(cluster), IClassFixture<LocalCluster>
{
    [Fact]
    public async Task Stopping_the_silo_that_holds_the_room_mid_race_hands_the_room_over_and_the_race_ends_exactly()
    {
        var (code, racers) = await Room(["Lea", "Max"]);
        await Start(code, racers);
        var half = Keys.Count / 2;
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Take(half))));

        // SIGTERM, as Kubernetes stops a pod: the silo leaves the cluster and its rooms are saved on the way out.
        var silo = Cluster.SiloHolding(code);
        var pid = Cluster.Pid(silo);
        LocalCluster.Signal(pid, "TERM");
        await Task.WhenAll(racers.Select(r => r.Type(Keys.Skip(half), batchSize: 4)));

        var results = await Results(racers[0], withStandings: false);
        Assert.All(results, line => Assert.Equal(Passage.CharacterCount, line.Position));
        Assert.All(results, line => Assert.Equal(1.0, line.Accuracy));
        foreach (var racer in racers)
        {
            await OneRaceInHistory(racer, Line(results, racer));
        }

        await Cluster.WaitForRestart(silo, pid);
    }
}
