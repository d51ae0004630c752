using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Bots;

namespace TypingRace.Engine.Tests.Typing;

/// <summary>A key as a racer's client produced it: its text, when it was really typed, and the time the client reports.</summary>
internal readonly record struct TypedAt(string Text, long TypedMs, long ClientMs);

/// <summary>One run of a corpus: what it is, its passage, and its keys as the room logged them.</summary>
internal sealed record CorpusRun(string Kind, string Name, Passage Passage, IReadOnlyList<LoggedKey> Keys);

/// <summary>
/// The two corpora the fair-play checks are judged on (docs/fair-play.md, "Timing checks"): people, from the bot typing
/// model at 30 to 200 WPM across prose and code and many seeds, and scripted cheats; both delivered as the browser
/// client sends keys (one batch in flight, each waiting for the last one's answer, 50–150 ms round trips) with the odd
/// reconnect that holds keys back for seconds.
/// </summary>
internal static class FairPlayCorpus
{
    public static readonly RaceClock Clock = RaceClock.Unpaused(Race.Start, TimeSpan.FromMinutes(10));

    private static readonly long StartMs = Race.Start.ToUnixTimeMilliseconds();

    public static IReadOnlyList<Passage> Passages { get; } =
    [
        ShippedGuides.Passage(ShippedGuides.Go, 0, 250, p => p.Kind == ParagraphKind.Prose),
        ShippedGuides.Passage(ShippedGuides.Go, 3, 250, p => p.Kind == ParagraphKind.Code),
        ShippedGuides.Passage(ShippedGuides.Git, 2, 250, p => p.Kind == ParagraphKind.Prose),
        ShippedGuides.Passage(ShippedGuides.Git, 6, 90, p => p.Kind == ParagraphKind.Prose),
    ];

    public static IEnumerable<CorpusRun> People()
    {
        foreach (var (passage, p) in Passages.Select((passage, i) => (passage, i)))
        {
            foreach (var wpm in new[] { 30, 45, 60, 80, 100, 125, 150, 175, 200 })
            {
                for (var seed = 1; seed <= 8; seed++)
                {
                    var random = new Random(p * 10_000 + wpm * 10 + seed);
                    var bot = new BotTypist(passage, new BotStyle(wpm, 0.02 + 0.01 * (seed % 5)), random);
                    var keys = Typed(Humanly(bot.Schedule(), random));
                    yield return new CorpusRun("person", $"{wpm} WPM, seed {seed}", passage, Deliver(keys, new Random(seed * 7 + p), reconnect: seed % 3 == 0));
                }
            }
        }
    }

    public static IEnumerable<CorpusRun> Cheats()
    {
        var passage = Passages[0];
        var text = Keys(passage).ToList();
        var random = new Random(99);

        // A paste: the rest of the passage in one key event, after typing the start.
        var pasted = Steady(text.Take(20), 150).ToList();
        pasted.Add(new TypedAt(string.Concat(text.Skip(20)), pasted[^1].TypedMs + 400, pasted[^1].TypedMs + 400));
        yield return new CorpusRun("cheat", "paste", passage, Deliver(pasted, random, reconnect: false));

        foreach (var wpm in new[] { 60, 100, 150, 250 })
        {
            yield return new CorpusRun("cheat", $"constant interval, {wpm} WPM", passage, Deliver([.. Steady(text, wpm)], random, reconnect: false));
        }

        yield return new CorpusRun("cheat", "script at 400 WPM", passage, Deliver([.. Steady(text, 400)], random, reconnect: false));

        // Perfectly steady typing whose reported times are jittered to look like a hand.
        yield return new CorpusRun("cheat", "jittered script, 250 WPM", passage,
            Deliver([.. Steady(text, 250).Select(key => key with { ClientMs = key.TypedMs + random.Next(-20, 21) })], random, reconnect: false));

        // Forged times: typed at 600 WPM in bursts of a line, but reported as a steady 100 WPM.
        var forged = new List<TypedAt>();
        long at = 500, claimed = 500;
        foreach (var (key, i) in text.Select((key, i) => (key, i)))
        {
            at += i % 60 == 0 && i > 0 ? 2_500 : 20;
            claimed += 120;
            forged.Add(new TypedAt(key, at, claimed));
        }

        yield return new CorpusRun("cheat", "forged timestamps, 600 WPM bursts reported as 100 WPM", passage, Deliver(forged, random, reconnect: false));
    }

    /// <summary>The keys that type <paramref name="passage"/> correctly, auto-filled code points left out.</summary>
    public static IEnumerable<string> Keys(Passage passage)
    {
        var position = 0;
        foreach (var rune in passage.Text.EnumerateRunes())
        {
            if (!passage.IsAutoFilled(position++))
            {
                yield return rune.Value == '\n' ? Engine.Typing.Keystroke.Enter : rune.ToString();
            }
        }
    }

    private static IEnumerable<TypedAt> Steady(IEnumerable<string> keys, int wpm)
    {
        var intervalMs = 60_000.0 / (wpm * 5);
        return keys.Select((key, i) => new TypedAt(key, 500 + (long)(i * intervalMs), 500 + (long)(i * intervalMs)));
    }

    /// <summary>
    /// The noise a person adds to the bot model's even hand: each word at its own tempo (some a quarter faster,
    /// some a quarter slower), a hesitation of up to 1.5 s before one word in 25, and a reaction to the start.
    /// </summary>
    private static IEnumerable<(string Text, long AtMs)> Humanly(IEnumerable<ScheduledKey> keys, Random random)
    {
        long previous = 0;
        double at = random.Next(250, 900), tempo = 1;
        foreach (var key in keys)
        {
            at += (key.AtMs - previous) * tempo;
            previous = key.AtMs;
            yield return (key.Text, (long)at);
            if (key.Text is " " or "\n")
            {
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                tempo = Math.Exp(0.25 * normal - 0.03);
                at += random.NextDouble() < 0.04 ? random.Next(300, 1_500) : 0;
            }
        }
    }

    private static List<TypedAt> Typed(IEnumerable<(string Text, long AtMs)> keys) => [.. keys.Select(key => new TypedAt(key.Text, key.AtMs, key.AtMs))];

    /// <summary>
    /// The keys as the browser client sends them: a batch leaves when it has keys and the last batch's answer is back
    /// (a round trip of 50–150 ms), at most 50 keys; it arrives half a round trip later, give or take 10 ms. A client
    /// that reconnects sends nothing for 1 to 4 seconds, then everything typed meanwhile.
    /// </summary>
    public static IReadOnlyList<LoggedKey> Deliver(IReadOnlyList<TypedAt> keys, Random network, bool reconnect)
    {
        var log = new List<LoggedKey>();
        var pending = new List<TypedAt>();
        long seq = 0, freeAt = 0;
        var (downFrom, downUntil) = reconnect && keys.Count > 0
            ? (keys[keys.Count / 2].TypedMs, keys[keys.Count / 2].TypedMs + network.Next(1_000, 4_000))
            : (long.MaxValue, long.MaxValue);

        void Send(long at)
        {
            var rtt = network.Next(50, 151);
            var arrives = at + rtt / 2 + network.Next(-10, 11);
            seq++;
            foreach (var key in pending.Take(50))
            {
                log.Add(new LoggedKey(seq, key.Text, key.ClientMs, StartMs + Math.Max(arrives, key.TypedMs + 1)));
            }

            pending.RemoveRange(0, Math.Min(50, pending.Count));
            freeAt = at + rtt;
        }

        void SendDue(long now)
        {
            while (pending.Count > 0)
            {
                var at = Math.Max(freeAt, pending[0].TypedMs);
                at = at >= downFrom && at < downUntil ? downUntil : at;
                if (at > now)
                {
                    return;
                }

                Send(at);
            }
        }

        foreach (var key in keys)
        {
            SendDue(key.TypedMs);
            pending.Add(key);
            SendDue(key.TypedMs);
        }

        SendDue(long.MaxValue);
        return log;
    }
}
