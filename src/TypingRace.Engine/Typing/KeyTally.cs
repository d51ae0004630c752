namespace TypingRace.Engine.Typing;

/// <summary>
/// How often a racer met a key and missed it: a character of the passage (one code point), or a bigram (the
/// character before it and it, two code points). A miss is the first wrong key typed where that character was due;
/// the wrong keys after it in the same error run only follow from it.
/// </summary>
public sealed record KeyTally(string Key, int Attempts, int Misses)
{
    public bool IsBigram => Key.EnumerateRunes().Skip(1).Any();
}
