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

    /// <summary>The rate of the keys' arrivals, stretch after stretch, is too even for a human hand.</summary>
    MachineRegular = 4,

    /// <summary>Set by whoever seats the racer: the engine cannot tell a declared bot from a person.</summary>
    Bot = 8,

    /// <summary>Set by the room for a ghost: a stored run played again, never ranked or placed.</summary>
    Ghost = 16,

    /// <summary>Some 40 keys in a row arrived faster than <see cref="TypingRules.MaxBurstWpm"/>.</summary>
    Burst = 32,

    /// <summary>The client's own key times disagree with the arrivals. Only noted: it never unranks a result.</summary>
    ClockMismatch = 64,

    /// <summary>The run is an earlier run of the passage played again (<see cref="Races.RunShape.Replays"/>). Set by the room.</summary>
    Replayed = 128,
}

public static class FairPlayRules
{
    /// <summary>Flags that are only noted: the result stays ranked.</summary>
    public const FairPlayFlags NotedOnly = FairPlayFlags.ClockMismatch;

    /// <summary>Flags that only whoever seats or judges a racer can set, from beyond its key log: a verification takes them from the record.</summary>
    public const FairPlayFlags Declared = FairPlayFlags.Bot | FairPlayFlags.Ghost | FairPlayFlags.Replayed;

    /// <summary>Whether a result with these flags is kept off the boards.</summary>
    public static bool Unranks(FairPlayFlags flags) => (flags & ~NotedOnly) != FairPlayFlags.None;
}

public static class FairPlayFlagNames
{
    /// <summary>Flags as the protocol spells them: camelCase names of the set bits, in the enum's order.</summary>
    public static string[] Of(FairPlayFlags flags) =>
        [.. Enum.GetValues<FairPlayFlags>()
            .Where(flag => flag != FairPlayFlags.None && flags.HasFlag(flag))
            .Select(flag => char.ToLowerInvariant(flag.ToString()[0]) + flag.ToString()[1..])];

    /// <summary>The flags <see cref="Of"/> names, back from their names.</summary>
    public static FairPlayFlags Parse(IEnumerable<string> names) =>
        names.Aggregate(FairPlayFlags.None, (all, name) => all | Enum.Parse<FairPlayFlags>(name, ignoreCase: true));
}
