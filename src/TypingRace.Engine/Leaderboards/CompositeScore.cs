namespace TypingRace.Engine.Leaderboards;

/// <summary>What a composite score says, rounded to the precision it keeps.</summary>
/// <param name="Wpm">To the hundredth.</param>
/// <param name="Accuracy">0..1, to the hundredth of a percent.</param>
/// <param name="At">To the minute.</param>
public readonly record struct ScoreParts(double Wpm, double Accuracy, DateTimeOffset At);

/// <summary>
/// Packs a ranking's tie-breakers into one sorted-set score, so one ZADD GT keeps a player's best and one
/// ZREVRANGE orders the board. The score is a 53-bit integer held in a double, which stores it exactly.
/// <code>
/// Speed:    [52..38] WPM in hundredths (15 bits) | [37..24] accuracy in hundredths of a percent (14 bits) | [23..0] time
/// Accuracy: [52..39] accuracy (14 bits)          | [38..24] WPM (15 bits)                                 | [23..0] time
/// </code>
/// WPM is capped at 327.67: anything over <c>TypingRules.MaxHumanWpm</c> (300) is flagged and never ranked, so the
/// cap never bites a ranked result. Accuracy 0..10000 fits 14 bits. Time is
/// <c>2^24 - 1 - minutes since 2025-01-01T00:00Z</c>, so earlier scores higher; 2^24 minutes last until 2056-11,
/// after which every time scores 0 and equal results fall back to Redis' member order. Minutes rather than
/// seconds because 24 bits of seconds would last only 194 days: an all-time board needs the range more than a
/// tie between identical WPM and accuracy needs the precision.
/// </summary>
public static class CompositeScore
{
    public const int MaxWpmHundredths = (1 << WpmBits) - 1;
    public const int MaxAccuracyBasisPoints = 10_000;
    public const int MaxMinutes = (1 << TimeBits) - 1;

    /// <summary>Times before this all score as this instant; the product did not exist yet.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One more than the largest score: every score is below 2^53 and so exact in a double.</summary>
    public const long Limit = 1L << (WpmBits + AccuracyBits + TimeBits);

    private const int WpmBits = 15;
    private const int AccuracyBits = 14;
    private const int TimeBits = 24;

    public static double Encode(LeaderboardRanking ranking, double wpm, double accuracy, DateTimeOffset at)
    {
        long wpmPart = WpmHundredths(wpm);
        long accuracyPart = AccuracyBasisPoints(accuracy);
        long timePart = MaxMinutes - MinutesSinceEpoch(at);
        var packed = ranking switch
        {
            LeaderboardRanking.Speed => (wpmPart << (AccuracyBits + TimeBits)) | (accuracyPart << TimeBits) | timePart,
            LeaderboardRanking.Accuracy => (accuracyPart << (WpmBits + TimeBits)) | (wpmPart << TimeBits) | timePart,
            _ => throw new ArgumentOutOfRangeException(nameof(ranking), ranking, "Unknown ranking."),
        };
        return packed;
    }

    public static double Encode(LeaderboardRanking ranking, FinishedResult result) =>
        Encode(ranking, result.Wpm, result.Accuracy, result.At);

    public static ScoreParts Decode(LeaderboardRanking ranking, double score)
    {
        if (score is < 0 or >= Limit || score != Math.Floor(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "Not a composite score.");
        }

        var packed = (long)score;
        var minutes = MaxMinutes - (packed & MaxMinutes);
        var (wpm, accuracy) = ranking switch
        {
            LeaderboardRanking.Speed => (packed >> (AccuracyBits + TimeBits), (packed >> TimeBits) & ((1 << AccuracyBits) - 1)),
            LeaderboardRanking.Accuracy => ((packed >> TimeBits) & MaxWpmHundredths, packed >> (WpmBits + TimeBits)),
            _ => throw new ArgumentOutOfRangeException(nameof(ranking), ranking, "Unknown ranking."),
        };
        return new ScoreParts(wpm / 100.0, accuracy / (double)MaxAccuracyBasisPoints, Epoch.AddMinutes(minutes));
    }

    private static long WpmHundredths(double wpm)
    {
        if (!(wpm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(wpm), wpm, "WPM must be a non-negative number.");
        }

        return (long)Math.Min(Math.Round(wpm * 100, MidpointRounding.AwayFromZero), MaxWpmHundredths);
    }

    private static long AccuracyBasisPoints(double accuracy)
    {
        if (!(accuracy is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "Accuracy must be between 0 and 1.");
        }

        return (long)Math.Round(accuracy * MaxAccuracyBasisPoints, MidpointRounding.AwayFromZero);
    }

    private static long MinutesSinceEpoch(DateTimeOffset at) =>
        Math.Clamp((long)Math.Floor((at - Epoch).TotalMinutes), 0, MaxMinutes);
}
