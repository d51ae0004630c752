using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Bots;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

/// <summary>
/// Verification folds a stored log again and must land on exactly the figures the live room recorded: here on
/// several hundred bot and scripted-human races, fed live in batches with network jitter and stored in chunks.
/// </summary>
public class RaceVerificationTests
{
    private static readonly TypingRules Rules = TypingRules.Default;
    private static readonly RaceClock Clock = RaceClock.Unpaused(Race.Start, TimeSpan.FromMinutes(10));
    private static readonly long StartMs = Race.Start.ToUnixTimeMilliseconds();

    public static TheoryData<string, int> Kinds => new() { { "prose", 0 }, { "code", 0 }, { "prose", 1 }, { "code", 1 } };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Hundreds_of_bot_races_fed_live_and_stored_in_chunks_verify_exactly(string kind, int guide)
    {
        var passage = ShippedGuides.Passage(guide == 0 ? ShippedGuides.Go : ShippedGuides.Git, guide * 5, 300, p => p.Kind == (kind == "code" ? ParagraphKind.Code : ParagraphKind.Prose));
        var folds = 0;
        foreach (var wpm in new[] { 30, 55, 80, 110, 150, 200 })
        {
            for (var seed = 1; seed <= 12; seed++)
            {
                // Three racers in a race, so that placement is verified too.
                var racers = Enumerable.Range(0, 3).Select(r => LiveRacer(passage, new BotStyle(wpm + r * 7, 0.04), seed * 31 + r)).ToList();
                var recorded = Record(racers);
                var verified = RaceVerification.Verify(passage, Rules, Clock, recorded);
                Assert.All(verified, v => Assert.True(v.Matches, $"{kind} at {wpm} WPM, seed {seed}, {v.PlayerId}: recorded {v.Recorded}, recomputed {v.Recomputed}"));
                Assert.Equal(recorded.Select(r => r.Keys.Count), verified.Select(v => v.Keys));
                Assert.All(verified, v => Assert.True(v.Recomputed.Finished && v.Recomputed.Wpm > wpm * 0.5 && v.Recomputed.Wpm < (wpm + 14) * 1.5, $"{v.Recomputed.Wpm} WPM for bots of {wpm} to {wpm + 14} WPM"));
                folds += verified.Count;
            }
        }

        Assert.Equal(216, folds);
    }

    [Fact]
    public void A_scripted_human_with_hints_slips_and_a_paste_verifies_with_its_flags()
    {
        var passage = PassageBuilder.Build(GuideParser.Parse("t", "Goroutines are cheap. Channels carry values between them, and select waits on several."), 0, PassageLength.Short);
        var log = new RacerLog(passage, Rules, Clock);
        long ms = 500;
        var seq = 0;
        void Key(string text) => log.Add(new LoggedKey(++seq, text, ms, StartMs + ms + 40));
        foreach (var c in passage.Text[..10])
        {
            Key(c.ToString());
            ms += 180;
        }

        Key("x");
        Key("\b");
        log.RevealHint(ms + 40);
        Key(passage.Text[10..40]);
        foreach (var c in passage.Text[40..])
        {
            ms += 150;
            Key(c.ToString());
        }

        var line = RacerFigures.Of(log.Session, place: 1, FairPlayFlags.None, Clock.Start);
        Assert.Equal(["pasted"], line.Flags);
        var verified = Assert.Single(RaceVerification.Verify(passage, Rules, Clock, [new RecordedRacer("ada", FairPlayFlags.None, line, Stored(log.Keys))]));
        Assert.True(verified.Matches);
        Assert.Equal(1, verified.Recomputed.Hints);
        Assert.True(verified.Recomputed.Finished);
        Assert.Equal(ms + 40, verified.Recomputed.TimeMs);
        Assert.Equal(TypeableText.CodePointCount(passage.Text) / 5.0 / ((ms + 40) / 60_000.0), verified.Recomputed.Wpm, 9);
    }

    [Fact]
    public void A_changed_figure_a_missing_key_or_a_swapped_place_do_not_verify()
    {
        var passage = ShippedGuides.Passage(ShippedGuides.Go, 0, 120);
        var racers = Enumerable.Range(0, 2).Select(r => LiveRacer(passage, new BotStyle(70 + r * 30, 0.03), 7 + r)).ToList();
        var recorded = Record(racers);
        Assert.All(RaceVerification.Verify(passage, Rules, Clock, recorded), v => Assert.True(v.Matches));

        // A tenth of a WPM more than the keys give.
        var inflated = recorded.Select((r, i) => i == 0 ? r with { Recorded = r.Recorded with { Wpm = r.Recorded.Wpm + 0.1 } } : r).ToList();
        Assert.Equal([false, true], RaceVerification.Verify(passage, Rules, Clock, inflated).Select(v => v.Matches));

        // The last key lost from the store: that racer did not finish by the log.
        var truncated = recorded.Select((r, i) => i == 1 ? r with { Keys = [.. r.Keys.SkipLast(1)] } : r).ToList();
        var cut = RaceVerification.Verify(passage, Rules, Clock, truncated);
        Assert.False(cut[1].Matches);
        Assert.False(cut[1].Recomputed.Finished);

        // The loser recorded as the winner: both places are wrong.
        var swapped = recorded.Select(r => r with { Recorded = r.Recorded with { Place = 3 - r.Recorded.Place } }).ToList();
        Assert.All(RaceVerification.Verify(passage, Rules, Clock, swapped), v => Assert.False(v.Matches));
    }

    /// <summary>A bot's keys as a room receives them: batched per 50–150 ms round trip, each stamped on arrival.</summary>
    private static (string Id, FairPlayFlags Declared, RacerLog Log) LiveRacer(Passage passage, BotStyle style, int seed)
    {
        var bot = new BotTypist(passage, style, new Random(seed));
        var network = new Random(seed + 1);
        var log = new RacerLog(passage, Rules, Clock);
        var typedAt = 300.0;
        var seq = 0;
        var batch = new List<(string Text, long ClientMs)>();
        var sendsAt = 0.0;
        while (!bot.Done && log.Keys.Count < passage.CharacterCount * 10)
        {
            var key = bot.Next();
            typedAt += key.Delay.TotalMilliseconds;
            if (batch.Count > 0 && typedAt > sendsAt)
            {
                Send();
            }

            if (batch.Count == 0)
            {
                sendsAt = typedAt + network.Next(50, 151);
            }

            batch.Add((key.Text, (long)typedAt));
        }

        Send();
        // Some racers are declared bots, and some ghosts, which are never placed.
        return ($"racer-{seed}", seed % 5 == 0 ? FairPlayFlags.Bot : seed % 7 == 0 ? FairPlayFlags.Ghost : FairPlayFlags.None, log);

        void Send()
        {
            if (batch.Count == 0)
            {
                return;
            }

            seq++;
            var arrives = StartMs + (long)sendsAt + network.Next(0, 25);
            foreach (var (text, clientMs) in batch)
            {
                log.Add(new LoggedKey(seq, text, clientMs, arrives));
            }

            batch.Clear();
        }
    }

    /// <summary>What the room records for the racers, in place order, with their logs as the store gives them back.</summary>
    private static List<RecordedRacer> Record(IReadOnlyList<(string Id, FairPlayFlags Declared, RacerLog Log)> racers)
    {
        var places = RaceStandings.Places([.. racers.Select(r => new RacerStanding(
            r.Id, r.Log.Session.FinishedAt, r.Log.Session.Progress, r.Log.Session.Accuracy, IsGhost: r.Declared == FairPlayFlags.Ghost))]);
        return [.. places.Select(p => (p.Place, Racer: racers.Single(r => r.Id == p.PlayerId)))
            .Select(p => new RecordedRacer(p.Racer.Id, p.Racer.Declared, RacerFigures.Of(p.Racer.Log.Session, p.Place, p.Racer.Declared, Clock.Start), Stored(p.Racer.Log.Keys)))];
    }

    /// <summary>The log written in chunks of up to 20 keys, as the room's saver appends them, and read back.</summary>
    private static List<LoggedKey> Stored(IReadOnlyList<LoggedKey> keys)
    {
        var bytes = keys.Chunk(20).Select((chunk, i) => KeyLogCodec.Encode(i * 20, chunk)).SelectMany(b => b).ToArray();
        var decoded = KeyLogCodec.Decode(bytes);
        Assert.Equal(keys, decoded);
        return decoded;
    }
}
