namespace TypingRace.Engine.Typing;

/// <summary>
/// Every counted code point of a race in 4 bytes: server milliseconds since the race start, shifted left
/// one bit, with the low bit set when it was wrong. Enough to redraw the race second by second.
/// </summary>
internal sealed class KeystrokeLog
{
    /// <summary>The latest moment a log can hold, about 12 days: far beyond any race.</summary>
    public const int MaxMilliseconds = int.MaxValue >> 1;

    private readonly List<int> entries = [];

    public void Record(int elapsedMs, bool wrong) => entries.Add((elapsedMs << 1) | (wrong ? 1 : 0));

    /// <param name="lastKeystrokeMs">Where the chart ends; -1 when nothing was typed.</param>
    public IReadOnlyList<TimelineSecond> Timeline(int lastKeystrokeMs)
    {
        if (lastKeystrokeMs < 0)
        {
            return [];
        }

        var (correct, wrong) = PerSecond(lastKeystrokeMs);
        var timeline = new TimelineSecond[correct.Length];
        var typed = 0;
        for (var i = 0; i < correct.Length; i++)
        {
            typed += correct[i];
            timeline[i] = new TimelineSecond(i + 1, WordsPerMinute.Of(typed, (i + 1) * 1000.0), wrong[i], WordsPerMinute.Of(correct[i] + wrong[i], 1000.0));
        }

        return timeline;
    }

    /// <summary>
    /// How steady the typing was, from 0 to 100: Monkeytype's 100 × (1 − tanh(cv + cv³/3 + cv⁵/5)), where cv is the
    /// coefficient of variation of the raw speed in each whole second between the first keystroke and the last
    /// (the partial seconds at either end would read as slow ones). Null with fewer than two such seconds.
    /// </summary>
    public double? Consistency(int lastKeystrokeMs)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var (correct, wrong) = PerSecond(lastKeystrokeMs);
        var first = (entries[0] >> 1) / 1000;
        var whole = Enumerable.Range(first + 1, Math.Max(0, lastKeystrokeMs / 1000 - first - 1)).Select(i => (double)(correct[i] + wrong[i])).ToList();
        var mean = whole.Count >= 2 ? whole.Average() : 0;
        if (mean <= 0)
        {
            return null;
        }

        var cv = Math.Sqrt(whole.Sum(n => (n - mean) * (n - mean)) / whole.Count) / mean;
        return 100 * (1 - Math.Tanh(cv + Math.Pow(cv, 3) / 3 + Math.Pow(cv, 5) / 5));
    }

    private (int[] Correct, int[] Wrong) PerSecond(int lastKeystrokeMs)
    {
        var seconds = lastKeystrokeMs / 1000 + 1;
        var correct = new int[seconds];
        var wrong = new int[seconds];
        foreach (var entry in entries)
        {
            var second = (entry >> 1) / 1000;
            if ((entry & 1) == 1)
            {
                wrong[second]++;
            }
            else
            {
                correct[second]++;
            }
        }

        return (correct, wrong);
    }
}
