namespace TypingRace.Engine.Typing;

/// <summary>One point of the results chart.</summary>
/// <param name="Second">1 for the race's first second [0 s, 1 s), 2 for [1 s, 2 s), and so on.</param>
/// <param name="Wpm">WPM from the race start to the end of this second.</param>
/// <param name="Errors">Wrong code points typed during this second.</param>
/// <param name="RawWpm">Every code point typed during this second, right or wrong, as WPM: the speed of the hands.</param>
public sealed record TimelineSecond(int Second, double Wpm, int Errors, double RawWpm);
