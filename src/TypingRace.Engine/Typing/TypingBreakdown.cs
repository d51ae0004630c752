namespace TypingRace.Engine.Typing;

/// <summary>What became of a racer's characters, beside their WPM and accuracy.</summary>
/// <param name="Correct">Code points typed right (newlines included).</param>
/// <param name="Incorrect">Code points typed wrong, whether taken back or not.</param>
/// <param name="Corrected">Wrong code points taken back with a backspace.</param>
/// <param name="AutoFilled">Code points behind the cursor that the editor filled in: indentation, characters with no key.</param>
/// <param name="RawWpm">Every code point typed, right or wrong, as WPM to the last keystroke.</param>
/// <param name="Consistency">0 to 100, steadier is higher; null when the typing lasted under about three seconds.</param>
public sealed record TypingBreakdown(int Correct, int Incorrect, int Corrected, int AutoFilled, double RawWpm, double? Consistency);
