namespace TypingRace.Engine.Guides;

public enum PassageLength
{
    Short,
    Medium,
    Long,
}

public static class PassageLengths
{
    /// <summary>A passage grows paragraph by paragraph until it has at least this many code points.</summary>
    public static int MinimumCharacters(PassageLength length) => length switch
    {
        PassageLength.Short => 80,
        PassageLength.Medium => 250,
        PassageLength.Long => 500,
        _ => throw new ArgumentOutOfRangeException(nameof(length), length, "Unknown passage length."),
    };
}
