using TypingRace.Engine.Guides;

namespace TypingRace.Engine.Typing;

/// <summary>
/// One racer's typing of one passage, judged on the server clock. The cursor only moves over correct
/// code points; a mistake opens an error run that must be backspaced before typing goes on.
/// </summary>
public sealed class TypingSession(Passage passage, TypingRules rules, DateTimeOffset raceStart)
{
    private readonly Passage passage = Typeable(passage);
    private readonly TypingRules rules = Checked(rules);
    private readonly KeystrokeLog log = new();
    private readonly ArrivalRhythm rhythm = new();
    private readonly ClientClockCheck clientClock = new();
    private int lastKeystrokeMs = -1;
    private bool pasted;

    // Where a wrong key opened an error run: the characters the racer missed.
    private readonly HashSet<int> missedAt = [];

    // Per paragraph (segment) of the passage: split time and keys; the cursor only moves forward, so does the segment.
    private readonly int?[] splits = new int?[passage.Segments.Count];
    private readonly int[] typedIn = new int[passage.Segments.Count];
    private readonly int[] correctIn = new int[passage.Segments.Count];
    private int segment;

    /// <summary>
    /// Code points behind the cursor, auto-filled ones included. It never moves back, and starts past any
    /// auto-filled code points the passage opens with, such as an emoji.
    /// </summary>
    public int Position { get; private set; } = SkipAutoFilled(passage, 0);

    /// <summary>Wrong code points after <see cref="Position"/> still to be backspaced.</summary>
    public int ErrorRunLength { get; private set; }

    /// <summary>Correct code points typed; newlines count, auto-filled code points do not.</summary>
    public int CorrectKeystrokes { get; private set; }

    /// <summary>Correct and wrong code points typed; those ignored beyond the error-run cap are not counted.</summary>
    public int CharacterKeystrokes { get; private set; }

    /// <summary>Every backspace received before the finish, including those with nothing to erase.</summary>
    public int Backspaces { get; private set; }

    /// <summary>Wrong code points taken back with a backspace.</summary>
    public int Corrections { get; private set; }

    public int Hints { get; private set; }

    public bool Finished => FinishedAt is not null;

    public DateTimeOffset? FinishedAt { get; private set; }

    public DateTimeOffset? LastCorrectAt { get; private set; }

    public double Progress => (double)Position / passage.CharacterCount;

    /// <summary>Typed characters (auto-filled ones excluded) per 5, per minute from the race start to the last correct one.</summary>
    public double Wpm => LastCorrectAt is { } last
        // A correct key at the very start would divide by zero; one millisecond still reads as impossibly fast.
        ? WordsPerMinute.Of(Position - passage.AutoFilledBefore(Position), Math.Max((last - raceStart).TotalMilliseconds, 1))
        : 0;

    /// <summary>Depends on the keys alone, never on time; 0 before the first character.</summary>
    public double Accuracy => CharacterKeystrokes == 0 ? 0 : (double)CorrectKeystrokes / CharacterKeystrokes;

    /// <summary>As <see cref="Accuracy"/> while racing, but null before the first character: nothing typed is not 0 % right.</summary>
    public double? LiveAccuracy => CharacterKeystrokes == 0 ? null : Accuracy;

    /// <summary>Every code point typed, right or wrong, per 5, per minute from the race start to the last keystroke (Monkeytype's raw speed).</summary>
    public double RawWpm => lastKeystrokeMs < 0 ? 0 : WordsPerMinute.Of(CharacterKeystrokes, Math.Max(lastKeystrokeMs, 1));

    /// <summary>The fair-play flags of the typing so far (docs/fair-play.md, "What the flags mean").</summary>
    public FairPlayFlags Flags
    {
        get
        {
            var rates = rhythm.Rates(rules.RhythmWindowKeys);
            return (pasted ? FairPlayFlags.Pasted : FairPlayFlags.None)
                | (Wpm > rules.MaxHumanWpm ? FairPlayFlags.TooFast : FairPlayFlags.None)
                | (ArrivalRhythm.Variation(rates, rules.MachineRegularMinimumWindows) <= rules.MachineRegularVariation ? FairPlayFlags.MachineRegular : FairPlayFlags.None)
                | (ArrivalRhythm.Bursts(rates, rules.MaxBurstWpm) ? FairPlayFlags.Burst : FairPlayFlags.None)
                | (clientClock.Mismatched(rules) ? FairPlayFlags.ClockMismatch : FairPlayFlags.None);
        }
    }

    /// <summary>Judges one keystroke; for several code points the outcome is the last one's.</summary>
    public KeystrokeOutcome Apply(Keystroke keystroke, DateTimeOffset serverTime)
    {
        if (Finished)
        {
            return KeystrokeOutcome.Ignored;
        }

        if (string.IsNullOrEmpty(keystroke.Text))
        {
            return KeystrokeOutcome.NoOp;
        }

        var sinceStartMs = (long)(serverTime - raceStart).TotalMilliseconds;
        var elapsedMs = (int)Math.Clamp(sinceStartMs, 0, KeystrokeLog.MaxMilliseconds);
        lastKeystrokeMs = Math.Max(lastKeystrokeMs, elapsedMs);
        // Keys resent after a failover arrive long after they were typed: their arrival says nothing of their rhythm.
        if (!keystroke.Resent)
        {
            rhythm.Add(sinceStartMs, rules.RhythmWindowKeys);
            clientClock.Add(sinceStartMs, keystroke.ClientElapsedMs, rules);
        }

        // A UTF-16 length within the threshold cannot hold more code points, so most keystrokes skip counting.
        pasted |= keystroke.Text.Length > rules.PasteThreshold && TypeableText.CodePointCount(keystroke.Text) > rules.PasteThreshold;

        // The passage was made typeable, so keys are too: a phone's curly quote or an NFD accent still matches.
        var text = TypeableText.Normalize(keystroke.Text);

        var outcome = KeystrokeOutcome.NoOp;
        foreach (var rune in text.EnumerateRunes())
        {
            outcome = Type(rune.Value, serverTime, elapsedMs);
            if (Finished)
            {
                break;
            }
        }

        return outcome;
    }

    /// <summary>
    /// The next word to type: from the cursor up to the next space or newline. When the cursor is on a space
    /// or newline, that is what comes next, so the hint starts with it. "" once finished.
    /// </summary>
    public string RevealHint()
    {
        if (Finished)
        {
            return "";
        }

        Hints++;
        var end = Position;
        if (IsWordBreak(passage.CodePointAt(end)))
        {
            end++;
        }

        while (end < passage.CharacterCount && !IsWordBreak(passage.CodePointAt(end)))
        {
            end++;
        }

        return passage.Slice(Position, end - Position);
    }

    /// <summary>WPM at the end of every whole second up to the last keystroke, with the mistakes made in it.</summary>
    public IReadOnlyList<TimelineSecond> Timeline() => log.Timeline(lastKeystrokeMs);

    /// <summary>What became of each character of the passage so far (docs/protocol.md, "Room view", <c>breakdown</c>).</summary>
    public TypingBreakdown Breakdown() => new(
        CorrectKeystrokes,
        CharacterKeystrokes - CorrectKeystrokes,
        Corrections,
        passage.AutoFilledBefore(Position),
        RawWpm,
        log.Consistency(lastKeystrokeMs));

    /// <summary>
    /// Every character the racer met (those behind the cursor, and the one at it if they missed it), each with how
    /// often it came and was missed, and every bigram they missed, with how often it came: what their weak spots
    /// are made of. Auto-filled characters are never typed, so never met.
    /// </summary>
    public IReadOnlyList<KeyTally> KeyTallies()
    {
        var met = Enumerable.Range(0, Math.Min(passage.CharacterCount, Position + (missedAt.Contains(Position) ? 1 : 0)))
            .Where(at => !passage.IsAutoFilled(at))
            .ToList();
        string Character(int at) => char.ConvertFromUtf32(passage.CodePointAt(at));
        string? Bigram(int at) => at > 0 && !passage.IsAutoFilled(at - 1) ? Character(at - 1) + Character(at) : null;

        var missedBigrams = met.Where(missedAt.Contains).Select(Bigram).OfType<string>().ToHashSet();
        var characters = met.GroupBy(Character).Select(g => new KeyTally(g.Key, g.Count(), g.Count(missedAt.Contains)));
        var bigrams = met.Select(at => (At: at, Key: Bigram(at))).Where(b => b.Key is not null && missedBigrams.Contains(b.Key))
            .GroupBy(b => b.Key!).Select(g => new KeyTally(g.Key, g.Count(), g.Count(b => missedAt.Contains(b.At))));
        return [.. characters.Concat(bigrams).OrderBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>Each paragraph of the passage, in order: its split time and its keys.</summary>
    public IReadOnlyList<ParagraphSplit> Paragraphs() =>
        [.. passage.Segments.Select((s, i) => new ParagraphSplit(s.ParagraphIndex, splits[i], typedIn[i], correctIn[i]))];

    private KeystrokeOutcome Type(int codePoint, DateTimeOffset serverTime, int elapsedMs)
    {
        if (codePoint == '\b')
        {
            Backspaces++;
            if (ErrorRunLength == 0)
            {
                return KeystrokeOutcome.NoOp;
            }

            ErrorRunLength--;
            Corrections++;
            return KeystrokeOutcome.Backspaced;
        }

        if (ErrorRunLength >= rules.ErrorRunCap)
        {
            return KeystrokeOutcome.Ignored;
        }

        CharacterKeystrokes++;
        // A passage may open with a paragraph of auto-filled code points only: the cursor starts past it.
        PassSegments(elapsedMs);
        typedIn[segment]++;
        // Inside an error run even the expected code point is wrong: it lands after the mistake.
        var correct = ErrorRunLength == 0 && codePoint == passage.CodePointAt(Position);
        log.Record(elapsedMs, wrong: !correct);
        if (!correct)
        {
            if (ErrorRunLength == 0)
            {
                missedAt.Add(Position);
            }

            ErrorRunLength++;
            return KeystrokeOutcome.Wrong;
        }

        CorrectKeystrokes++;
        correctIn[segment]++;
        LastCorrectAt = serverTime;
        // After a newline the editor fills in the indentation, and keyless characters are shown, not typed.
        Position = SkipAutoFilled(passage, Position + 1);
        PassSegments(elapsedMs);

        if (Position == passage.CharacterCount)
        {
            FinishedAt = serverTime;
        }

        return KeystrokeOutcome.Correct;
    }

    /// <summary>Closes every paragraph the cursor has now left (auto-filled code points may carry it past several).</summary>
    private void PassSegments(int elapsedMs)
    {
        while (segment < splits.Length && Position >= passage.Segments[segment].Start + passage.Segments[segment].Length)
        {
            splits[segment] = elapsedMs;
            if (segment == splits.Length - 1)
            {
                return;
            }

            segment++;
        }
    }

    private static int SkipAutoFilled(Passage passage, int position)
    {
        while (position < passage.CharacterCount && passage.IsAutoFilled(position))
        {
            position++;
        }

        return position;
    }

    private static Passage Typeable(Passage passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        if (passage.CharacterCount == 0)
        {
            throw new ArgumentException("There is nothing to type in an empty passage.", nameof(passage));
        }

        // A session that starts at the end could never finish: no key would be judged.
        return passage.AutoFilledBefore(passage.CharacterCount) < passage.CharacterCount
            ? passage
            : throw new ArgumentException("There is nothing to type in a passage whose every character is auto-filled.", nameof(passage));
    }

    private static TypingRules Checked(TypingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.ErrorRunCap >= 1
            ? rules
            : throw new ArgumentException("The error-run cap must allow at least one wrong code point.", nameof(rules));
    }

    private static bool IsWordBreak(int codePoint) => codePoint is ' ' or '\n';
}
