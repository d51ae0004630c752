namespace TypingRace.Engine.Typing;

/// <summary>
/// Running mean and variance (Welford) of the intervals between a client's keystrokes, in O(1) memory:
/// a script types at a steady beat, a hand never does.
/// </summary>
internal sealed class KeystrokeRhythm
{
    private long? previousMs;
    private int count;
    private double mean;
    private double sumOfSquares;

    public void Add(long clientElapsedMs)
    {
        if (previousMs is { } previous)
        {
            double interval = clientElapsedMs - previous;
            count++;
            var delta = interval - mean;
            mean += delta / count;
            sumOfSquares += delta * (interval - mean);
        }

        previousMs = clientElapsedMs;
    }

    public bool IsMachineRegular(TypingRules rules) =>
        count >= rules.MachineRegularMinimumIntervals
        && Math.Sqrt(sumOfSquares / count) <= rules.MachineRegularVariation * Math.Abs(mean);
}
