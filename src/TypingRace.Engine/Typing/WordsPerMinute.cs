namespace TypingRace.Engine.Typing;

internal static class WordsPerMinute
{
    // A word is 5 characters: (characters / 5) / (ms / 60 000), kept in one multiplication so round figures stay exact.
    private const double MillisecondsPerWordPerMinute = 60_000.0 / 5;

    public static double Of(int characters, double elapsedMs) => characters * MillisecondsPerWordPerMinute / elapsedMs;
}
