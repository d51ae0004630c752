namespace TypingRace.Engine.Typing;

/// <param name="ErrorRunCap">Wrong code points accepted after the cursor before further ones are ignored.</param>
/// <param name="PasteThreshold">More code points than this in one keystroke is a paste.</param>
/// <param name="MaxHumanWpm">Above this WPM a result is impossible for a person.</param>
public sealed record TypingRules(int ErrorRunCap = 8, int PasteThreshold = 12, double MaxHumanWpm = 300)
{
    public static TypingRules Default { get; } = new();

    /// <summary>Client intervals needed before their regularity is judged; a few even keys prove nothing.</summary>
    public int MachineRegularMinimumIntervals { get; init; } = 30;

    /// <summary>
    /// Typing whose client intervals vary less than this (standard deviation / mean) is machine-regular.
    /// People rarely go below 0.3, so 0.05 leaves a wide margin.
    /// </summary>
    public double MachineRegularVariation { get; init; } = 0.05;
}
