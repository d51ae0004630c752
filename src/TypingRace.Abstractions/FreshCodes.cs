namespace TypingRace.Abstractions;

/// <summary>Claiming a new random code (a room's, a cohort's, a device code) that may, rarely, be taken already.</summary>
public static class FreshCodes
{
    /// <summary>Random codes rarely collide; a few tries make a collision practically impossible.</summary>
    public const int Attempts = 5;

    /// <summary>
    /// Tries new codes until <paramref name="claim"/> takes one, which it refuses with <paramref name="takenCode"/>
    /// when the code is in use. Answers the code claimed, or the first refusal of another kind; neither when every
    /// code tried was taken.
    /// </summary>
    public static async Task<(string? Code, RaceError? Refusal)> Claim(Func<string> newCode, string takenCode, Func<string, Task<RaceError?>> claim)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var code = newCode();
            if (await claim(code) is not { } refusal)
            {
                return (code, null);
            }

            if (refusal.Code != takenCode)
            {
                return (null, refusal);
            }
        }

        return (null, null);
    }
}
