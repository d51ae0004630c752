using TypingRace.Abstractions;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// What an opponent sees of a racer in a progress update. Position and error length alone repeat (a wrong key
/// and its backspace lead back to the same pair); accuracy changes with every character key, so the three
/// together name one point of a race.
/// </summary>
public readonly record struct ObservedState(int Position, int ErrorLength, double? Accuracy)
{
    public static readonly ObservedState Start = default;

    public static ObservedState Of(RacerProgress racer) => new(racer.Position, racer.ErrorLength, racer.Accuracy);
}
