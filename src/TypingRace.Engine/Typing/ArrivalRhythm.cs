namespace TypingRace.Engine.Typing;

/// <summary>
/// The rhythm of a racer's keys on the server's clock (docs/fair-play.md, "Timing checks"). A client sends its keys
/// in batches, one in flight at a time, so they arrive in groups on the network's beat and the time between two keys
/// of one group says nothing. The rate over a stretch of arrivals does hold: every key of a stretch was typed after
/// the arrival just before it, so its keys over the time from that arrival to its last is how fast they were typed,
/// however they were batched, and a reconnect's burst counts over the gap it caught up. Stretches of
/// <see cref="TypingRules.RhythmWindowKeys"/> keys, one after another: a person's rate wanders from one to the next,
/// a script's stays put.
/// </summary>
internal sealed class ArrivalRhythm
{
    private readonly List<double> keysPerSecond = [];
    private long? anchorMs;
    private long arrivalMs = -1;
    private int arrivalKeys;
    private int windowKeys;

    /// <summary>One key that arrived at <paramref name="serverMs"/>; keys of one batch share their arrival.</summary>
    public void Add(long serverMs, int windowSize)
    {
        if (anchorMs is null)
        {
            // The first arrival only starts the first stretch: nothing says when its keys were typed.
            anchorMs = arrivalMs = serverMs;
            return;
        }

        if (serverMs == arrivalMs)
        {
            arrivalKeys += arrivalMs == anchorMs ? 0 : 1;
            return;
        }

        Count(arrivalMs, arrivalKeys, windowSize, keysPerSecond);
        arrivalMs = serverMs;
        arrivalKeys = 1;
    }

    /// <summary>The rate of each whole stretch so far, keys per second, the arrival still being counted included.</summary>
    public IReadOnlyList<double> Rates(int windowSize)
    {
        var rates = new List<double>(keysPerSecond);
        var (anchor, keys) = (anchorMs, windowKeys);
        if (anchor is { } from && arrivalKeys > 0 && keys + arrivalKeys >= windowSize && arrivalMs > from)
        {
            rates.Add((keys + arrivalKeys) * 1000.0 / (arrivalMs - from));
        }

        return rates;
    }

    private void Count(long atMs, int keys, int windowSize, List<double> rates)
    {
        if (keys == 0)
        {
            return;
        }

        windowKeys += keys;
        if (windowKeys >= windowSize)
        {
            rates.Add(windowKeys * 1000.0 / (atMs - anchorMs!.Value));
            anchorMs = atMs;
            windowKeys = 0;
        }
    }

    /// <summary>Two stretches in a row, some 40 keys, faster than <paramref name="maxWpm"/>: no hand keeps that up.</summary>
    public static bool Bursts(IReadOnlyList<double> rates, double maxWpm)
    {
        var maxKeysPerSecond = maxWpm * 5 / 60;
        for (var i = 1; i < rates.Count; i++)
        {
            if (rates[i - 1] > maxKeysPerSecond && rates[i] > maxKeysPerSecond)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How much the stretches' rates vary: standard deviation over the mean; null with fewer than <paramref name="minimum"/>.</summary>
    public static double? Variation(IReadOnlyList<double> rates, int minimum)
    {
        if (rates.Count < minimum)
        {
            return null;
        }

        var mean = rates.Average();
        return Math.Sqrt(rates.Sum(rate => (rate - mean) * (rate - mean)) / rates.Count) / mean;
    }
}
