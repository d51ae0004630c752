using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Leaderboards;

/// <summary>One racer's server-computed result, as the leaderboards and the player's history keep it.</summary>
/// <param name="ResultId">Unique per racer per race; writes are idempotent by it, so a retried write counts once.</param>
/// <param name="FirstParagraphId">With <paramref name="Length"/>, identifies the passage.</param>
/// <param name="CharacterCount">Code points in the passage.</param>
/// <param name="CohortId">Set when the race was a heat of a cohort's round; only then does the result enter that cohort's boards.</param>
/// <param name="Accuracy">0..1.</param>
/// <param name="Place">1-based placement in the race.</param>
/// <param name="Racers">How many raced.</param>
/// <param name="Finished">False when the time limit ended the race before the racer reached the end.</param>
/// <param name="At">When the racer finished (or the race ended), on the server clock.</param>
public sealed record FinishedResult(
    string ResultId,
    string PlayerId,
    string GuideId,
    string FirstParagraphId,
    PassageLength Length,
    int CharacterCount,
    string? CohortId,
    double Wpm,
    double Accuracy,
    FairPlayFlags Flags,
    int Place,
    int Racers,
    int Hints,
    bool Finished,
    DateTimeOffset At);
