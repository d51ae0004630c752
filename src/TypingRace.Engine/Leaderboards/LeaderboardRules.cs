using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Leaderboards;

/// <param name="MinAccuracyWpm">The accuracy ranking needs at least this WPM, so slow perfect typing can't top it.</param>
/// <param name="MinimumLength">Shorter passages say too little about a typist to be ranked.</param>
public sealed record LeaderboardRules(double MinAccuracyWpm = 30, PassageLength MinimumLength = PassageLength.Short)
{
    public static LeaderboardRules Default { get; } = new();

    /// <summary>
    /// Whether <paramref name="result"/> enters the <paramref name="ranking"/> boards. Every result still enters
    /// the player's history. An unfinished result is not ranked: its WPM covers only the part typed, so typing
    /// a few keys fast and stopping would otherwise top the board.
    /// </summary>
    public bool Qualifies(FinishedResult result, LeaderboardRanking ranking) =>
        !FairPlayRules.Unranks(result.Flags)
        && result.Finished
        && result.Length >= MinimumLength
        && result.CharacterCount >= PassageLengths.MinimumCharacters(MinimumLength)
        && (ranking != LeaderboardRanking.Accuracy || result.Wpm >= MinAccuracyWpm);
}
