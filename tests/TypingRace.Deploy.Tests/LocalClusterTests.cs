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
/// <remarks>Each test class gets its own cluster, so a fault one class causes does not carry into the next.</remarks>
public abstract class LocalClusterTests(LocalCluster cluster) : IAsyncLifetime
{
    protected static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);
    protected static readonly List<string> Keys = TypingScript.Correct(Passage).ToList();
    protected LocalCluster Cluster => cluster;

    protected HttpClient Http { get; } = new() { BaseAddress = cluster.Address };
    private readonly List<ClusterRacer> _racers = [];

    public Task InitializeAsync() => cluster.EveryProcessReady();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        foreach (var racer in _racers)
        {
            await racer.DisposeAsync();
        }
    }

    /// <summary>A room of racers, the i-th of them connected first to <paramref name="gateways"/>[i], or through nginx.</summary>
    protected async Task<(string Code, ClusterRacer[] Racers)> Room(string[] names, string?[]? gateways = null)
    {
        var racers = new ClusterRacer[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var gateway = gateways?[i] is { } name ? new Uri($"http://127.0.0.1:{cluster.HttpPort(name)}") : null;
            racers[i] = await ClusterRacer.Register(cluster.Address, names[i], gateway);
            _racers.Add(racers[i]);
        }

        var code = await racers[0].CreateRoom(TestGuides.MiniId, 0, "short");
        foreach (var racer in racers)
        {
            await racer.Join(code);
        }

        return (code, racers);
    }

    protected static async Task Start(string code, ClusterRacer[] racers)
    {
        await racers[0].Invoke("StartRace", code);
        await Task.WhenAll(racers.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing, "racing")));
    }

    protected static IEnumerable<string> WithSlips(List<string> keys) => keys.Take(5).Concat(["x", "y", "\b", "\b"]).Concat(keys.Skip(5)).ToList();

    /// <summary>Eight keys at a time at a person's changing pace, so the result is neither too fast nor too even to rank.</summary>
    protected static Task Paced(ClusterRacer racer, IEnumerable<string> keys, int seed) =>
        TypingScript.PlayHumanly(keys, msPerKey: 65, seed, presses => racer.Type(presses.Select(key => key.K), batchSize: 8));

    /// <param name="withStandings">Wait for every racer's standing too; a room that moved while recording may show none.</param>
    protected static async Task<ResultLine[]> Results(ClusterRacer racer, bool withStandings = true) =>
        (await racer.WaitForView(
            v => v.Phase == RoomPhase.Results && (!withStandings || v.Results!.All(line => line.Standing is not null)),
            withStandings ? "results with standings" : "results",
            TimeSpan.FromSeconds(90))).Results!;

    protected static ResultLine Line(ResultLine[] results, ClusterRacer racer) => results.Single(r => r.PlayerId == racer.Player.PlayerId);

    protected async Task OneRaceInHistory(ClusterRacer racer, ResultLine line)
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

    protected async Task<JsonElement> Json(string path) => await Http.GetFromJsonAsync<JsonElement>(path, ClusterRacer.Json);
}
