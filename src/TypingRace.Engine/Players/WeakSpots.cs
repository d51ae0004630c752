using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Players;

/// <summary>
/// A player's weak spots (keybr's strength): every result adds the keys its racer met to their totals, and the
/// characters missed most often for how often they came, and the bigrams missed most, are shown on their page.
/// </summary>
public static class WeakSpots
{
    /// <summary>A character met fewer times than this says too little: one miss in two would top the list.</summary>
    public const int MinimumAttempts = 10;

    public const int Shown = 8;

    /// <summary>
    /// The bigrams a player keeps, at most: those missed most, then met most. Characters are all kept (a
    /// character's share of misses is only right while its count of meetings goes on from the first race), and
    /// there are only so many of them even in Hangul passages.
    /// </summary>
    public const int MaxBigramsKept = 500;

    /// <summary>Adds one result's keys to the totals, keeping at most <see cref="MaxBigramsKept"/> bigrams.</summary>
    public static Dictionary<string, KeyTally> Add(IReadOnlyDictionary<string, KeyTally> totals, IEnumerable<KeyTally> result)
    {
        var sums = new Dictionary<string, KeyTally>(totals, StringComparer.Ordinal);
        foreach (var key in result)
        {
            sums[key.Key] = sums.TryGetValue(key.Key, out var total)
                ? total with { Attempts = total.Attempts + key.Attempts, Misses = total.Misses + key.Misses }
                : key;
        }

        var bigrams = sums.Values.Where(k => k.IsBigram).ToList();
        if (bigrams.Count <= MaxBigramsKept)
        {
            return sums;
        }

        foreach (var dropped in bigrams.OrderByDescending(k => k.Misses).ThenByDescending(k => k.Attempts).ThenBy(k => k.Key, StringComparer.Ordinal).Skip(MaxBigramsKept))
        {
            sums.Remove(dropped.Key);
        }

        return sums;
    }

    /// <summary>
    /// The characters missed most often for how often they came (met at least <see cref="MinimumAttempts"/> times), and
    /// the bigrams missed most often (a result keeps a bigram only where it was missed, so its share would be
    /// inflated): <see cref="Shown"/> of each, worst first.
    /// </summary>
    public static (IReadOnlyList<KeyTally> Characters, IReadOnlyList<KeyTally> Bigrams) Of(IEnumerable<KeyTally> totals)
    {
        var missed = totals.Where(k => k.Misses > 0).ToList();
        var characters = missed.Where(k => !k.IsBigram && k.Attempts >= MinimumAttempts)
            .OrderByDescending(k => (double)k.Misses / k.Attempts).ThenByDescending(k => k.Misses).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(Shown).ToList();
        var bigrams = missed.Where(k => k.IsBigram)
            .OrderByDescending(k => k.Misses).ThenByDescending(k => (double)k.Misses / k.Attempts).ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(Shown).ToList();
        return (characters, bigrams);
    }
}
