namespace TypingRace.Engine.Typing;

/// <param name="ErrorRunCap">Wrong code points accepted after the cursor before further ones are ignored.</param>
/// <param name="PasteThreshold">More code points than this in one keystroke is a paste.</param>
/// <param name="MaxHumanWpm">Above this WPM a result is impossible for a person.</param>
public sealed record TypingRules(int ErrorRunCap = 8, int PasteThreshold = 12, double MaxHumanWpm = 300)
{
    public static TypingRules Default { get; } = new();

    /// <summary>Keys in one stretch of arrivals whose rate the timing checks read (docs/fair-play.md, "Timing checks").</summary>
    public int RhythmWindowKeys { get; init; } = 20;

    /// <summary>Stretches needed before their regularity is judged; a few even stretches prove nothing.</summary>
    public int MachineRegularMinimumWindows { get; init; } = 5;

    /// <summary>Typing whose stretches' rates vary less than this (standard deviation / mean) is machine-regular.</summary>
    public double MachineRegularVariation { get; init; } = 0.06;

    /// <summary>Two stretches in a row faster than this (keys, backspaces included, as WPM) are a burst no hand keeps up.</summary>
    public double MaxBurstWpm { get; init; } = 450;

    /// <summary>Segments two runs must share before their shapes are compared (docs/fair-play.md, "Replayed runs").</summary>
    public int ReplayMinimumSegments { get; init; } = 8;

    /// <summary>Runs alike in shape to this correlation, and slipping in the same places, are one run played again.</summary>
    public double ReplayLikeness { get; init; } = 0.7;

    /// <summary>With no slips to compare, the correlation of shape that alone says a run is played again.</summary>
    public double ReplayLikenessAlone { get; init; } = 0.97;

    /// <summary>Segments two runs must share before their shape alone is judged, with no slips to compare.</summary>
    public int ReplayMinimumSegmentsAlone { get; init; } = 15;

    /// <summary>A client time this far ahead of its key's arrival is impossible for an honest clock.</summary>
    public long ClientClockAheadMs { get; init; } = 500;

    /// <summary>A client time this far behind its key's arrival: the key waited longer than any reconnect takes.</summary>
    public long ClientClockBehindMs { get; init; } = 5_000;

    /// <summary>Keys needed before the client's clock is judged.</summary>
    public int ClientClockMinimumKeys { get; init; } = 20;

    /// <summary>The share of keys whose client time is off at which the client's clock is noted as not the typing's.</summary>
    public double ClientClockMismatchShare { get; init; } = 0.1;
}
