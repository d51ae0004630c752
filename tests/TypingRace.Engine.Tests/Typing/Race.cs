using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Typing;

/// <summary>Scripted races on a fixed server clock: every keystroke is stamped Start + its milliseconds.</summary>
internal static class Race
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(int ms) => Start.AddMilliseconds(ms);

    public static TypingSession Session(string markdown, TypingRules? rules = null) =>
        new(PassageBuilder.Build(GuideParser.Parse("t", markdown), 0, PassageLength.Short), rules ?? TypingRules.Default, Start);

    /// <summary>One keystroke at <paramref name="ms"/> on both clocks.</summary>
    public static KeystrokeOutcome Type(this TypingSession session, string text, int ms) =>
        session.Apply(new Keystroke(text, ms), At(ms));

    /// <summary>One keystroke per code point, the first at <paramref name="firstMs"/>, then every <paramref name="stepMs"/>.</summary>
    public static List<KeystrokeOutcome> TypeEach(this TypingSession session, string text, int firstMs, int stepMs)
    {
        var outcomes = new List<KeystrokeOutcome>();
        var ms = firstMs;
        foreach (var rune in text.EnumerateRunes())
        {
            outcomes.Add(session.Type(rune.ToString(), ms));
            ms += stepMs;
        }

        return outcomes;
    }
}
