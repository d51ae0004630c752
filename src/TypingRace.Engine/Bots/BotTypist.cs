using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Bots;

/// <summary>
/// Types a passage the way a person does, one key at a time: uneven intervals around the style's speed, a pause
/// at each new line and a slight one between words, and now and then a slip that is noticed a key or two later
/// and backspaced. Fed to a <see cref="TypingSession"/> under the default rules, its keys finish the passage and
/// score, on average, the style's WPM and 1 - accuracy.
/// </summary>
public sealed class BotTypist
{
    // Lognormal spread of one interval: a coefficient of variation near 0.45, like a person's and far from a script's beat.
    private const double KeySpread = 0.45;
    private const double PauseSpread = 0.5;

    // A slip is noticed after 0, 1 or 2 more keys, equally likely, so a slip costs 2 wrong keys on average.
    private const int MostKeysBeforeNoticing = 2;
    private const double WrongKeysPerSlip = 1 + MostKeysBeforeNoticing / 2.0;

    // In ordinary intervals: seeing the slip takes a moment, then the backspaces come quickly.
    private const double NoticeIntervals = 2.0;
    private const double BackspaceIntervals = 0.6;

    // Reading the next line of code takes about the same time at any speed; a word boundary only a fraction of a key.
    private const double LinePauseMs = 300;
    private const double WordPauseIntervals = 0.5;

    // At the fastest styles on short lines of code the pauses alone would use up the time; they give way, not the keys.
    private const double MostPauseShare = 0.5;

    private readonly Passage passage;
    private readonly Random random;
    private readonly double slipChance;
    private readonly double keyMs;
    private readonly double linePauseMs;
    private readonly double wordPauseMs;

    // The rest of a slip once its first wrong key is out: the keys typed before noticing, then the backspaces.
    private readonly Queue<BotKey> slipKeys = new();

    // Mirrors TypingSession.Position: auto-filled code points are already behind it, from the start on.
    private int position;
    private double owedPauseMs;

    /// <param name="random">Every choice comes from it, so a seeded one replays the same keys.</param>
    public BotTypist(Passage passage, BotStyle style, Random random)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(random);
        this.passage = passage;
        this.random = random;
        position = NextTyped(0);

        var (typed, lineStarts, wordStarts) = Boundaries(passage);
        if (typed == 0)
        {
            return;
        }

        // The session scores typed characters over the time to the last correct key, so the target fixes that time.
        var budgetMs = WordsPerMinute.Of(typed, elapsedMs: 1) / style.Wpm;
        var targetIntervalMs = budgetMs / typed;
        var pausesMs = lineStarts * LinePauseMs + wordStarts * WordPauseIntervals * targetIntervalMs;
        var pauseScale = pausesMs > MostPauseShare * budgetMs ? MostPauseShare * budgetMs / pausesMs : 1;
        linePauseMs = LinePauseMs * pauseScale;
        wordPauseMs = WordPauseIntervals * targetIntervalMs * pauseScale;

        // 1 - accuracy = w / (1 + w), where w = wrong keys per correct one = slips per character * wrong keys per slip.
        var slipsPerCharacter = style.ErrorRate / (WrongKeysPerSlip * (1 - style.ErrorRate));
        // A retyped character can slip again, so with chance p per try a character takes p / (1 - p) slips on average.
        slipChance = slipsPerCharacter / (1 + slipsPerCharacter);
        // Each slip adds its wrong keys, the moment to notice and the backspaces to the character's one correct key.
        var intervalsPerCharacter = 1 + slipsPerCharacter * (WrongKeysPerSlip + NoticeIntervals + BackspaceIntervals * (WrongKeysPerSlip - 1));
        keyMs = (budgetMs - pausesMs * pauseScale) / (typed * intervalsPerCharacter);

        // Finding the first word when the race starts is like finding a new line.
        owedPauseMs = linePauseMs;
    }

    /// <summary>True once every character of the passage has been typed correctly and no slip is left to backspace.</summary>
    public bool Done => position == passage.CharacterCount && slipKeys.Count == 0;

    /// <summary>Every key the bot will press, each at its race time: what a room plays for it.</summary>
    public IEnumerable<ScheduledKey> Schedule()
    {
        long atMs = 0;
        while (!Done)
        {
            var key = Next();
            atMs += (long)key.Delay.TotalMilliseconds;
            yield return new ScheduledKey(key.Text, atMs);
        }
    }

    /// <exception cref="InvalidOperationException">When <see cref="Done"/>.</exception>
    public BotKey Next()
    {
        if (slipKeys.TryDequeue(out var pending))
        {
            return pending;
        }

        if (Done)
        {
            throw new InvalidOperationException("The bot has typed the whole passage; there is no next key.");
        }

        var expected = passage.CodePointAt(position);
        var delayMs = Lognormal(keyMs, KeySpread) + (owedPauseMs > 0 ? Lognormal(owedPauseMs, PauseSpread) : 0);
        // A pause belongs to the boundary, not to the key: retyping after a slip does not pause again.
        owedPauseMs = 0;
        if (random.NextDouble() < slipChance)
        {
            return Slip(expected, delayMs);
        }

        position = NextTyped(position + 1);
        owedPauseMs = expected switch
        {
            '\n' => linePauseMs,
            ' ' => wordPauseMs,
            _ => 0,
        };
        return Key(char.ConvertFromUtf32(expected), delayMs);
    }

    private BotKey Slip(int expected, double delayMs)
    {
        var wrongKeys = 1;
        var ahead = position;
        var keysBeforeNoticing = random.Next(MostKeysBeforeNoticing + 1);
        for (var i = 0; i < keysBeforeNoticing; i++)
        {
            ahead = NextTyped(ahead + 1);
            if (ahead == passage.CharacterCount)
            {
                break;
            }

            // The hand goes on with what it meant to type; behind the slip the session counts those keys wrong too.
            slipKeys.Enqueue(Key(char.ConvertFromUtf32(passage.CodePointAt(ahead)), Lognormal(keyMs, KeySpread)));
            wrongKeys++;
        }

        slipKeys.Enqueue(Key(Keystroke.Backspace, Lognormal(NoticeIntervals * keyMs, KeySpread)));
        for (var i = 1; i < wrongKeys; i++)
        {
            slipKeys.Enqueue(Key(Keystroke.Backspace, Lognormal(BackspaceIntervals * keyMs, KeySpread)));
        }

        return Key(NearbyKeys.WrongFor(expected, random), delayMs);
    }

    /// <summary>The first index at or after <paramref name="index"/> that a racer types, as the session skips auto-filled code points.</summary>
    private int NextTyped(int index)
    {
        while (index < passage.CharacterCount && passage.IsAutoFilled(index))
        {
            index++;
        }

        return index;
    }

    /// <summary>Characters the racer types, and how many of them begin a line or a word: what the pauses cost.</summary>
    private static (int Typed, int LineStarts, int WordStarts) Boundaries(Passage passage)
    {
        int typed = 0, lineStarts = 0, wordStarts = 0;
        var previous = (int)'\n';
        for (var i = 0; i < passage.CharacterCount; i++)
        {
            if (passage.IsAutoFilled(i))
            {
                continue;
            }

            typed++;
            lineStarts += previous == '\n' ? 1 : 0;
            wordStarts += previous == ' ' ? 1 : 0;
            previous = passage.CodePointAt(i);
        }

        return (typed, lineStarts, wordStarts);
    }

    /// <summary>Always positive, with the given mean: a person is never quicker than zero and now and then much slower.</summary>
    private double Lognormal(double mean, double spread)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return mean * Math.Exp(spread * normal - spread * spread / 2);
    }

    // Whole milliseconds, as a client reports them; never zero, since a hand cannot press two keys at once.
    private static BotKey Key(string text, double delayMs) => new(text, TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(delayMs))));
}
