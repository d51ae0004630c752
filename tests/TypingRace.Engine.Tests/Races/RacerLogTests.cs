using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Bots;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

public class RacerLogTests
{
    private static readonly RaceClock Clock = RaceClock.Unpaused(Race.Start, TimeSpan.FromMinutes(5));

    private static Passage Text(string markdown) => PassageBuilder.Build(GuideParser.Parse("t", markdown), 0, PassageLength.Short);

    private static long Ms(int ms) => Race.At(ms).ToUnixTimeMilliseconds();

    [Fact]
    public void Folding_the_stored_log_gives_exactly_the_live_figures()
    {
        foreach (var seed in Enumerable.Range(1, 40))
        {
            var guide = seed % 2 == 0 ? ShippedGuides.Go : ShippedGuides.Git;
            var passage = PassageBuilder.Build(guide, seed % guide.Paragraphs.Count, PassageLength.Medium);
            var live = BotLogs.Live(passage, Clock, new BotStyle(40 + seed * 3, 0.05), seed, lagMs: 15, hintEvery: 37);

            var stored = KeyLogCodec.Decode(KeyLogCodec.Encode(0, live.Keys));
            var replayed = RacerLog.Replay(passage, TypingRules.Default, Clock, stored);

            Assert.True(live.Session.Finished);
            Assert.Equal(live.Session.Position, replayed.Session.Position);
            Assert.Equal(live.Session.Wpm, replayed.Session.Wpm);
            Assert.Equal(live.Session.Accuracy, replayed.Session.Accuracy);
            Assert.Equal(live.Session.Hints, replayed.Session.Hints);
            Assert.Equal(live.Session.Flags, replayed.Session.Flags);
            Assert.Equal(live.Session.FinishedAt, replayed.Session.FinishedAt);
            Assert.Equal(live.Session.Timeline(), replayed.Session.Timeline());
            Assert.Equal(live.LastSeq, replayed.LastSeq);
        }
    }

    [Fact]
    public void An_outage_is_taken_off_the_race_clock_so_it_costs_the_racer_no_speed()
    {
        // "keys click": 10 characters, 600 ms apart, with the room down for 20 s after the fifth.
        var passage = Text("keys click");
        var paused = Clock.PausedFrom(Race.At(3000), Race.At(23_000));
        var log = new RacerLog(passage, TypingRules.Default, paused);
        var at = 0;
        foreach (var rune in "keys click".EnumerateRunes())
        {
            at += 600;
            var received = at <= 3000 ? at : at + 20_000;
            log.Add(new LoggedKey(at / 600, rune.ToString(), at, Ms(received)));
        }

        // As if there had been no outage: 2 words in 6 s.
        Assert.Equal(20.0, log.Session.Wpm);
        Assert.Equal(Race.At(6000), log.Session.FinishedAt);
        Assert.Equal(Race.Start + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20), paused.EndsAt);
    }

    [Fact]
    public void A_resent_key_counts_when_the_client_typed_it_kept_between_its_neighbours()
    {
        var passage = Text("keys click");
        var paused = Clock.PausedFrom(Race.At(3000), Race.At(23_000));
        var log = new RacerLog(passage, TypingRules.Default, paused);
        foreach (var (rune, i) in "keys ".EnumerateRunes().Select((r, i) => (r, i + 1)))
        {
            log.Add(new LoggedKey(i, rune.ToString(), i * 500, Ms(i * 500)));
        }

        // "cli" was typed at 2.8–3.2 s, lost with the silo and resent at 23.5 s; its 3.2 s is during the pause.
        log.Add(new LoggedKey(6, "c", 2800, Ms(23_500), LoggedKeyFlags.Resent));
        log.Add(new LoggedKey(6, "l", 3000, Ms(23_500), LoggedKeyFlags.Resent));
        log.Add(new LoggedKey(6, "i", 3200, Ms(23_500), LoggedKeyFlags.Resent));
        log.Add(new LoggedKey(7, "c", 3600, Ms(23_600)));
        log.Add(new LoggedKey(7, "k", 4000, Ms(24_000)));

        // The last key arrived 1 s after the room was back: 3 s + 1 s of race time, 2 words in 4 s.
        Assert.Equal(30.0, log.Session.Wpm);
        Assert.Equal(1.0, log.Session.Accuracy);
    }

    [Fact]
    public void Typing_on_through_an_outage_neither_costs_nor_gains_the_racer_time()
    {
        // 24 characters, a key every 500 ms; the room is away from 3 s to 8 s, and the keys typed meanwhile (3.5 to 8 s)
        // are resent at 8.2 s. The rest arrive as typed.
        var passage = Text("abcd efgh ijkl mnop qrst");
        var text = passage.Text.EnumerateRunes().Select(rune => rune.ToString()).ToList();
        var paused = Clock.PausedFrom(Race.At(3000), Race.At(8000));
        var log = new RacerLog(passage, TypingRules.Default, paused);
        for (var i = 0; i < text.Count; i++)
        {
            var typedMs = (i + 1) * 500;
            var resent = typedMs is > 3000 and <= 8000;
            log.Add(new LoggedKey(i + 1, text[i], typedMs, Ms(resent ? 8200 : typedMs), resent ? LoggedKeyFlags.Resent : LoggedKeyFlags.None));
        }

        // Typed in 12 s of real time; the 200 ms the resend took are not held against the racer.
        Assert.True(log.Session.Finished);
        Assert.Equal(Race.At(12_000 - 200), log.Session.FinishedAt);
        Assert.Equal(WordsPerMinute.Of(text.Count, 11_800), log.Session.Wpm);
    }

    [Fact]
    public void Marking_keys_resent_with_no_outage_before_them_gains_nothing()
    {
        // A client claims its keys were typed 100 ms apart though they arrived 600 ms apart: there was no outage.
        var passage = Text("keys click");
        var honest = new RacerLog(passage, TypingRules.Default, Clock);
        var claimed = new RacerLog(passage, TypingRules.Default, Clock);
        var at = 0;
        foreach (var (rune, i) in "keys click".EnumerateRunes().Select((r, i) => (r.ToString(), i + 1)))
        {
            at += 600;
            honest.Add(new LoggedKey(i, rune, at, Ms(at)));
            claimed.Add(new LoggedKey(i, rune, i * 100, Ms(at), LoggedKeyFlags.Resent));
        }

        Assert.Equal(20.0, honest.Session.Wpm);
        Assert.Equal(honest.Session.Wpm, claimed.Session.Wpm);
        Assert.Equal(honest.Session.FinishedAt, claimed.Session.FinishedAt);
    }

    [Fact]
    public void Resent_keys_after_an_outage_do_not_count_toward_the_rhythm_check_and_the_mark_alone_does_not_hide_a_script()
    {
        var rules = TypingRules.Default with { RhythmWindowKeys = 3, MachineRegularMinimumWindows = 4 };
        var passage = Text("abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz");
        var afterOutage = Clock.PausedFrom(Race.At(0), Race.At(1));
        var even = new RacerLog(passage, rules, Clock);
        var resent = new RacerLog(passage, rules, afterOutage);
        var markedOnly = new RacerLog(passage, rules, Clock);
        for (var i = 0; i < 20; i++)
        {
            var key = passage.Slice(i, 1);
            even.Add(new LoggedKey(i + 1, key, i * 100, Ms(i * 100 + 7)));
            resent.Add(new LoggedKey(i + 1, key, i * 100, Ms(i * 100 + 7), LoggedKeyFlags.Resent));
            markedOnly.Add(new LoggedKey(i + 1, key, i * 100, Ms(i * 100 + 7), LoggedKeyFlags.Resent));
        }

        Assert.Equal(FairPlayFlags.MachineRegular, even.Session.Flags & FairPlayFlags.MachineRegular);
        Assert.Equal(FairPlayFlags.None, resent.Session.Flags & FairPlayFlags.MachineRegular);
        Assert.Equal(FairPlayFlags.MachineRegular, markedOnly.Session.Flags & FairPlayFlags.MachineRegular);
    }
}
