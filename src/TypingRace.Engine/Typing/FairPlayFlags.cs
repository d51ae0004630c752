namespace TypingRace.Engine.Typing;

/// <summary>Why a result is kept but not ranked. <see cref="None"/> is the only rankable value.</summary>
[Flags]
public enum FairPlayFlags
{
    None = 0,

    /// <summary>One keystroke carried more code points than <see cref="TypingRules.PasteThreshold"/>.</summary>
    Pasted = 1,

    /// <summary>WPM above <see cref="TypingRules.MaxHumanWpm"/>.</summary>
    TooFast = 2,

    /// <summary>The client's keystroke intervals are too even for a human hand.</summary>
    MachineRegular = 4,

    /// <summary>Set by whoever seats the racer: the engine cannot tell a declared bot from a person.</summary>
    Bot = 8,

    /// <summary>Set by the room for a ghost: a stored run played again, never ranked or placed.</summary>
    Ghost = 16,
}

public static class FairPlayFlagNames
{
    /// <summary>Flags as the protocol spells them: camelCase names of the set bits, in the enum's order.</summary>
    public static string[] Of(FairPlayFlags flags) =>
        [.. Enum.GetValues<FairPlayFlags>()
            .Where(flag => flag != FairPlayFlags.None && flags.HasFlag(flag))
            .Select(flag => char.ToLowerInvariant(flag.ToString()[0]) + flag.ToString()[1..])];
}
