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

        var timeline = new TimelineSecond[seconds];
        var typed = 0;
        for (var i = 0; i < seconds; i++)
        {
            typed += correct[i];
            timeline[i] = new TimelineSecond(i + 1, WordsPerMinute.Of(typed, (i + 1) * 1000.0), wrong[i]);
        }

        return timeline;
    }
}
