using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// A race of honest racers on the mini guide's first short passage (the room <see cref="GatewayInstance.RoomWith"/>
/// makes), typed without a mistake, and the checks that their results are exact: everyone finished, every key
/// counted, places in the order they finished, and the WPM the server gives what the keys and the clocks imply.
/// </summary>
public static class HonestRace
{
    /// <summary>Two keys a batch: a short passage stays well within a connection's burst of 80 batches.</summary>
    private const int KeysPerBatch = 2;

    public static Passage Passage { get; } = TestGuides.Passage(0, PassageLength.Short);

    public static IReadOnlyList<string> Keys { get; } = TypingScript.Correct(Passage).ToList();

    /// <summary>
    /// The host (the first racer) starts the room's next race, and each racer types the passage a batch at a time:
    /// a batch goes out once the other racers have seen the last one (or the race is over), so the pace follows the
    /// relay, with no clock to race. Returns the honest racers' result lines once the room shows its results.
    /// </summary>
    public static async Task<ResultLine[]> Run(string code, IReadOnlyList<RaceClient> racers, RelayLatency? latency = null)
    {
        Assert.True(Passage.AutoFilledBefore(Passage.CharacterCount) == 0, "positions below are counted as keys typed: the passage must have nothing filled in");
        var raceNumber = (racers[0].LatestView?.RaceNumber ?? 0) + 1;
        var beforeStart = Stopwatch.GetTimestamp();
        await racers[0].Connection.InvokeAsync("StartRace", code);
        var afterStart = Stopwatch.GetTimestamp();
        await Task.WhenAll(racers.Select(r => r.WaitForView(v => v.Phase == RoomPhase.Racing && v.RaceNumber == raceNumber, $"{r.Player.Name} to see race {raceNumber} run")));

        latency?.NextRace();
        var typed = await Task.WhenAll(racers.Select(racer => TypeAll(code, racer, racers, latency)));
        var results = (await racers[0].WaitForView(v => v.Phase == RoomPhase.Results && v.RaceNumber == raceNumber, "the results")).Results!;
        var honest = results.Where(line => racers.Any(r => r.Player.PlayerId == line.PlayerId)).ToArray();
        ExpectExact(honest, racers.Count, typed.ToDictionary(t => t.PlayerId), beforeStart, afterStart);
        return honest;
    }

    private sealed record Typed(string PlayerId, long LastSent, long LastAcked);

    private static async Task<Typed> TypeAll(string code, RaceClient racer, IReadOnlyList<RaceClient> racers, RelayLatency? latency)
    {
        racer.ResumeAfter(0);
        var position = 0;
        long lastSent = 0;
        KeyAck? ack = null;
        foreach (var chunk in Keys.Chunk(KeysPerBatch))
        {
            position += chunk.Length;
            latency?.Sending(racer.Player.PlayerId, position);
            lastSent = Stopwatch.GetTimestamp();
            ack = await racer.Connection.InvokeAsync<KeyAck>("SendKeys", code, racer.NextBatch([.. chunk.Select(key => new KeyPress(key, 0))]));
            Assert.Equal(position, ack.Position);
            await Task.WhenAll(racers.Where(r => r != racer).Select(watcher => Seen(watcher, racer.Player.PlayerId, position)));
        }

        Assert.True(ack!.Finished, $"{racer.Player.Name} typed the whole passage but is not finished");
        return new Typed(racer.Player.PlayerId, lastSent, Stopwatch.GetTimestamp());
    }

    /// <summary>Until <paramref name="watcher"/> has seen the racer at the position, or the race ended (the results replace the last frame).</summary>
    private static Task Seen(RaceClient watcher, string racer, int position) =>
        Eventually.Get(
            () => Task.FromResult(watcher.SeenPosition(racer) >= position || watcher.LatestView?.Phase == RoomPhase.Results),
            seen => seen, $"{watcher.Player.Name} to see {racer} at {position}", TimeSpan.FromSeconds(20));

    private static void ExpectExact(ResultLine[] honest, int racers, Dictionary<string, Typed> typed, long beforeStart, long afterStart)
    {
        Assert.Equal(racers, honest.Length);
        Assert.All(honest, line => Assert.True(
            line is { Finished: true, Position: var p, Progress: 1.0, Accuracy: 1.0, Hints: 0, WentIdle: false } && p == Passage.CharacterCount,
            $"{line.Name}: finished {line.Finished}, position {line.Position} of {Passage.CharacterCount}, accuracy {line.Accuracy}, hints {line.Hints}"));
        Assert.Equal(Enumerable.Range(1, racers), honest.Select(line => line.Place).Order());
        Assert.Equal(honest.OrderBy(line => line.TimeMs).Select(line => line.PlayerId), honest.OrderBy(line => line.Place).Select(line => line.PlayerId));

        var countdown = TimeSpan.Parse(RaceCluster.TestSettings["Rooms:Countdown"]!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var line in honest)
        {
            // WPM is the keys over the time to the last correct one; the time lies between what the clients' clocks allow.
            var minutes = line.TimeMs / 60_000.0;
            Assert.InRange(line.Wpm, Keys.Count / 5.0 / (minutes + (1 / 60_000.0)), Keys.Count / 5.0 / Math.Max(minutes - (1 / 60_000.0), 1e-9));
            var longest = Stopwatch.GetElapsedTime(beforeStart, typed[line.PlayerId].LastAcked) - countdown;
            var shortest = Stopwatch.GetElapsedTime(afterStart, typed[line.PlayerId].LastSent) - countdown - TimeSpan.FromMilliseconds(1);
            Assert.InRange(line.TimeMs, (long)shortest.TotalMilliseconds, (long)Math.Ceiling(longest.TotalMilliseconds));
        }
    }
}
