using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Bench.Faults;

/// <summary>
/// N trials of: two racers race a room on the local cluster, the silo holding it is SIGKILLed mid-race, and the race
/// is finished. Per trial it prints the seconds from the kill to the first progress frame that shows the racers
/// moving again, the keys resent, and the results lost (a racer without the race in their history) or doubled.
/// </summary>
public static class FaultTrials
{
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Short);
    private static readonly List<string> Keys = TypingScript.Correct(Passage).ToList();

    public static async Task<int> Run(string[] args)
    {
        if (!TryTrials(args, out var trials))
        {
            await Console.Error.WriteLineAsync("usage: dotnet run --project bench/TypingRace.Bench.Faults -c Release -- [--trials N]   (N from 1 to 100, default 10)");
            return 2;
        }

        Console.WriteLine($"Starting deploy/local-cluster.sh for {trials} fault trials...");
        var cluster = new LocalCluster();
        await cluster.InitializeAsync();
        try
        {
            Console.WriteLine($"Cluster on {cluster.Address} (run folder {cluster.RunDir})");
            Console.WriteLine("trial\tsilo\trecover_s\tkeys_resent\tresults_lost\tresults_doubled\tfigures_exact");
            var outcomes = new List<Outcome>();
            for (var trial = 1; trial <= trials; trial++)
            {
                var outcome = await Trial(cluster);
                outcomes.Add(outcome);
                Console.WriteLine($"{trial}\t{outcome.Silo}\t{outcome.RecoverSeconds:0.0}\t{outcome.KeysResent}\t{outcome.Lost}\t{outcome.Doubled}\t{outcome.Exact}");
            }

            var recover = outcomes.Select(o => o.RecoverSeconds).Order().ToList();
            Console.WriteLine(
                $"recover: median {recover[recover.Count / 2]:0.0} s, max {recover[^1]:0.0} s; keys resent {outcomes.Sum(o => o.KeysResent)}; " +
                $"results lost {outcomes.Sum(o => o.Lost)}, doubled {outcomes.Sum(o => o.Doubled)}; exact figures in {outcomes.Count(o => o.Exact)} of {trials}");
            return outcomes.All(o => o is { Lost: 0, Doubled: 0, Exact: true }) ? 0 : 1;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<Outcome> Trial(LocalCluster cluster)
    {
        await cluster.EveryProcessReady();
        var racers = new[] { await ClusterRacer.Register(cluster.Address, "Trial A"), await ClusterRacer.Register(cluster.Address, "Trial B") };
        try
        {
            var code = await racers[0].CreateRoom(TestGuides.MiniId, 0, "short");
            foreach (var racer in racers)
            {
                await racer.Join(code);
            }

            await racers[0].Invoke("StartRace", code);
            await Task.WhenAll(racers.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing, "racing")));
            var half = Keys.Count / 2;
            await Task.WhenAll(racers.Select(r => r.Type(Keys.Take(half))));

            var silo = cluster.SiloHolding(code);
            var pid = cluster.Pid(silo);
            var killedAt = DateTimeOffset.UtcNow;
            LocalCluster.Signal(pid, "KILL");
            await Task.WhenAll(racers.Select(r => r.Type(Keys.Skip(half), batchSize: 2)));
            var results = (await racers[0].WaitForView(v => v.Phase == RoomPhase.Results && v.Results!.All(l => l.Standing is not null), "results", TimeSpan.FromSeconds(120))).Results!;

            var movingAgain = racers.SelectMany(r => r.TimedFrames)
                .Where(f => f.At > killedAt && f.Frame.Racers.Any(p => p.Position > half))
                .Select(f => f.At)
                .DefaultIfEmpty(DateTimeOffset.UtcNow)
                .Min();
            var histories = await Task.WhenAll(racers.Select(r => Races(cluster, r.Player.PlayerId)));
            var exact = results.Length == 2 && results.All(l => l.Finished && l.Position == Passage.CharacterCount && l.Accuracy == 1.0);
            await cluster.WaitForRestart(silo, pid);
            return new Outcome(
                silo,
                (movingAgain - killedAt).TotalSeconds,
                racers.Sum(r => r.ResentKeys),
                histories.Count(h => h == 0),
                histories.Count(h => h > 1),
                exact);
        }
        finally
        {
            foreach (var racer in racers)
            {
                await racer.DisposeAsync();
            }
        }
    }

    /// <summary>How many races the player's history holds, once the results have had time to land.</summary>
    private static async Task<long> Races(LocalCluster cluster, string playerId)
    {
        using var http = new HttpClient { BaseAddress = cluster.Address };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var body = await http.GetFromJsonAsync<JsonElement>($"/api/players/{playerId}/stats", ClusterRacer.Json);
            var races = body.GetProperty("stats").GetProperty("races").GetInt64();
            if (races > 0 || stopwatch.Elapsed > TimeSpan.FromSeconds(30))
            {
                // A doubled result would land right behind the first; give it a moment to show.
                await Task.Delay(500);
                body = await http.GetFromJsonAsync<JsonElement>($"/api/players/{playerId}/stats", ClusterRacer.Json);
                return body.GetProperty("stats").GetProperty("races").GetInt64();
            }

            await Task.Delay(200);
        }
    }

    private static bool TryTrials(string[] args, out int trials)
    {
        trials = 10;
        return args.Length == 0
            || (args is ["--trials", var value] && int.TryParse(value, out trials) && trials is >= 1 and <= 100);
    }

    private sealed record Outcome(string Silo, double RecoverSeconds, int KeysResent, int Lost, int Doubled, bool Exact);
}
