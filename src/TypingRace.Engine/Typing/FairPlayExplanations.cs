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
                    $"Over {rules.MachineRegularMinimumIntervals} or more keys, the time between keys varied by {rules.MachineRegularVariation * 100:0.#} % or less: steadier than a hand types, the way a script does. {KeptNotRanked}")),
            new(Name(FairPlayFlags.Bot), "bot", "A bot the room's host added, typing at a set speed. Bots' results are never ranked."),
            new(Name(FairPlayFlags.Ghost), "ghost",
                "A ghost: a stored run typed again by the room, key for key at its recorded times. Ghosts are never ranked or placed."),
        ];
    }

    private static string Name(FairPlayFlags flag) => FairPlayFlagNames.Of(flag).Single();
}
