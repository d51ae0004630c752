using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Grains.Rooms;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>A bot or a ghost made again after a failover types on exactly as if nothing had happened.</summary>
public sealed class PseudoRacerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RaceClock Clock = RaceClock.Unpaused(Start, TimeSpan.FromMinutes(5));
    private static readonly Passage Passage = TestGuides.Passage(0, PassageLength.Medium);
    private static readonly BotStyle Style = new(90, 0.05);

    [Fact]
    public void A_driver_made_from_the_seed_and_the_stored_keys_goes_on_with_the_same_keys_at_the_same_times()
    {
        var whole = Drive(new PseudoRacer(new BotTypist(Passage, Style, new Random(42)).Schedule(), Clock, []), from: 0);
        Assert.True(whole.Count > 100);

        // The silo died after 60 keys: those are in the store; a new driver with the same seed skips them.
        var stored = whole.Take(60).ToList();
        var resumed = new PseudoRacer(new BotTypist(Passage, Style, new Random(42)).Schedule(), Clock, stored);
        var rest = Drive(resumed, from: stored[^1].ClientMs);

        Assert.Equal(whole.Skip(60).Select(k => (k.Text, k.ClientMs)), rest.Select(k => (k.Text, k.ClientMs)));
        Assert.True(rest[0].Seq > stored[^1].Seq);
    }

    [Fact]
    public void A_ghost_presses_each_key_of_its_run_at_its_race_time_and_is_done_when_the_run_is()
    {
        var run = new List<ScheduledKey> { new("G", 400), new("o", 610), new("x", 700), new("\b", 900), new(" ", 1_000) };
        var stored = GhostRuns.Decode(GhostRuns.Encode(run));
        Assert.Equal(run, stored);

        var ghost = new PseudoRacer(stored, Clock, []);
        Assert.Null(ghost.Due(Start.AddMilliseconds(399), maxKeys: 50));
        Assert.Equal(["G", "o"], ghost.Due(Start.AddMilliseconds(650), maxKeys: 50)!.Keys.Select(k => k.K));
        Assert.False(ghost.Exhausted);
        var last = ghost.Due(Start.AddMilliseconds(5_000), maxKeys: 50)!;
        Assert.Equal([700L, 900, 1_000], last.Keys.Select(k => k.T));
        Assert.Equal(2, last.Seq);
        Assert.True(ghost.Exhausted);

        // Brought back after its first two keys were stored, it goes on with the third.
        var resumed = new PseudoRacer(stored, Clock, [new LoggedKey(1, "G", 400, 0), new LoggedKey(1, "o", 610, 0)]);
        Assert.Equal("x", resumed.Due(Start.AddMilliseconds(5_000), maxKeys: 50)!.Keys[0].K);
    }

    /// <summary>Everything the bot types, one millisecond of race time at a time from <paramref name="from"/>.</summary>
    private static List<LoggedKey> Drive(PseudoRacer driver, long from)
    {
        var keys = new List<LoggedKey>();
        for (var ms = from; ms < 5 * 60_000; ms += 10)
        {
            if (driver.Due(Start.AddMilliseconds(ms), maxKeys: 50) is { } batch)
            {
                keys.AddRange(batch.Keys.Select(k => new LoggedKey(batch.Seq, k.K, k.T, 0)));
            }
        }

        return keys;
    }
}
