using System.Globalization;

namespace TypingRace.Engine.Typing;

/// <summary>A fair-play flag as a player reads it: its name on the results screen and why it was set, in plain words.</summary>
public sealed record FlagExplanation(string Flag, string Label, string Explanation);

/// <summary>
/// What each flag means, with the thresholds the server judges by (docs/fair-play.md). The words come from here, so
/// the browser never keeps a second copy of the rules.
/// </summary>
public static class FairPlayExplanations
{
    private const string KeptNotRanked = "The result is kept, but it is not ranked on any board.";

    public static IReadOnlyList<FlagExplanation> For(TypingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            new(Name(FairPlayFlags.Pasted), "pasted",
                $"More than {rules.PasteThreshold} characters arrived in one key event, the way a paste does. {KeptNotRanked}"),
            new(Name(FairPlayFlags.TooFast), "too fast",
                string.Create(invariant, $"Faster than {rules.MaxHumanWpm:0} WPM, beyond what anyone types by hand. {KeptNotRanked}")),
            new(Name(FairPlayFlags.MachineRegular), "machine regular",
                string.Create(invariant,
                    $"Over {rules.MachineRegularMinimumWindows} or more stretches of {rules.RhythmWindowKeys} keys, the speed the keys arrived at varied by {rules.MachineRegularVariation * 100:0.#} % or less from one stretch to the next: steadier than a hand types, the way a script does. {KeptNotRanked}")),
            new(Name(FairPlayFlags.Bot), "bot", "A bot the room's host added, typing at a set speed. Bots' results are never ranked."),
            new(Name(FairPlayFlags.Ghost), "ghost",
                "A ghost: a stored run typed again by the room, key for key at its recorded times. Ghosts are never ranked or placed."),
            new(Name(FairPlayFlags.Burst), "burst",
                string.Create(invariant,
                    $"About {rules.RhythmWindowKeys * 2} keys in a row arrived faster than {rules.MaxBurstWpm:0} WPM: a burst no hand keeps up. {KeptNotRanked}")),
            new(Name(FairPlayFlags.ClockMismatch), "clock mismatch",
                string.Create(invariant,
                    $"The times the client reported for its keys disagree with when they arrived (more than {rules.ClientClockAheadMs / 1000.0:0.#} s ahead of them, or more than {rules.ClientClockBehindMs / 1000.0:0.#} s behind, for a tenth of the keys). Only noted: every figure and check reads the server's clock, so the result stays ranked.")),
            new(Name(FairPlayFlags.Replayed), "replayed",
                $"The run matches an earlier run of this passage, stretch by stretch and slip by slip: a recorded log played again. {KeptNotRanked}"),
        ];
    }

    private static string Name(FairPlayFlags flag) => FairPlayFlagNames.Of(flag).Single();
}
