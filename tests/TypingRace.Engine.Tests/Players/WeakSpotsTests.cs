using TypingRace.Engine.Players;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Players;

public class WeakSpotsTests
{
    [Fact]
    public void Results_add_up_and_the_worst_characters_by_share_and_bigrams_by_count_come_first()
    {
        var totals = WeakSpots.Add(new Dictionary<string, KeyTally>(), [new("e", 30, 3), new("q", 4, 2), new("z", 12, 6), new("th", 3, 2), new("he", 9, 1)]);
        totals = WeakSpots.Add(totals, [new("e", 20, 2), new("q", 4, 2), new("x", 15, 0), new("he", 4, 3)]);

        Assert.Equal(new KeyTally("e", 50, 5), totals["e"]);
        Assert.Equal(new KeyTally("he", 13, 4), totals["he"]);
        var (characters, bigrams) = WeakSpots.Of(totals.Values);
        // "z" misses half its 12; "e" a tenth of 50; "q" misses half too but came only 8 times, "x" never missed.
        Assert.Equal(["z", "e"], characters.Select(k => k.Key));
        Assert.Equal(["he", "th"], bigrams.Select(k => k.Key));
    }

    [Fact]
    public void Every_character_is_kept_and_the_bigrams_missed_most_when_they_grow_past_the_cap()
    {
        // More distinct syllables than the bigram cap, and more bigrams than it too.
        var syllables = Enumerable.Range(0, WeakSpots.MaxBigramsKept + 100).Select(i => new KeyTally(char.ConvertFromUtf32(0xAC00 + i), 20, 0)).ToList();
        var bigrams = Enumerable.Range(0, WeakSpots.MaxBigramsKept + 50).Select(i => new KeyTally(char.ConvertFromUtf32(0xAC00 + i) + "a", 3, 1 + (i % 3))).ToList();
        var totals = WeakSpots.Add(new Dictionary<string, KeyTally>(), [.. syllables, .. bigrams]);

        Assert.All(syllables, k => Assert.Equal(k, totals[k.Key]));
        Assert.Equal(WeakSpots.MaxBigramsKept, totals.Values.Count(k => k.IsBigram));
        // Those missed most stay: every bigram missed three times, then twice.
        Assert.All(bigrams.Where(k => k.Misses >= 2), k => Assert.True(totals.ContainsKey(k.Key)));
    }
}
