using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

public class FairPlayExplanationsTests
{
    [Fact]
    public void Every_flag_is_explained_in_plain_words_with_the_thresholds_it_is_judged_by()
    {
        var rules = new TypingRules(PasteThreshold: 20, MaxHumanWpm: 250) { MachineRegularMinimumWindows = 6, RhythmWindowKeys = 25, MachineRegularVariation = 0.075 };

        var explained = FairPlayExplanations.For(rules);

        Assert.Equal(["pasted", "tooFast", "machineRegular", "bot", "ghost", "burst", "clockMismatch", "replayed"], explained.Select(e => e.Flag));
        Assert.Equal(["pasted", "too fast", "machine regular", "bot", "ghost", "burst", "clock mismatch", "replayed"], explained.Select(e => e.Label));
        Assert.StartsWith("More than 20 characters arrived in one key event", explained[0].Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Faster than 250 WPM", explained[1].Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Over 6 or more stretches of 25 keys, the speed the keys arrived at varied by 7.5 % or less", explained[2].Explanation, StringComparison.Ordinal);
        Assert.StartsWith("About 50 keys in a row arrived faster than 450 WPM", explained[5].Explanation, StringComparison.Ordinal);
        Assert.EndsWith("so the result stays ranked.", explained[6].Explanation, StringComparison.Ordinal);
        Assert.All(explained.Take(3).Append(explained[5]), e => Assert.EndsWith("it is not ranked on any board.", e.Explanation, StringComparison.Ordinal));

        // Every flag the engine can set has its words.
        Assert.Equal(
            Enum.GetValues<FairPlayFlags>().Where(flag => flag != FairPlayFlags.None).Select(flag => FairPlayFlagNames.Of(flag).Single()),
            explained.Select(e => e.Flag));
    }
}
