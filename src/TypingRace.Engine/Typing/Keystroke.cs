namespace TypingRace.Engine.Typing;

/// <summary>One input event from a racer's client, in the order typed.</summary>
/// <param name="Text">
/// <see cref="Backspace"/>, <see cref="Enter"/>, or one or more code points (an IME commit or a paste).
/// </param>
/// <param name="ClientElapsedMs">The client's own clock since the race start; only its rhythm is trusted.</param>
/// <param name="Resent">Sent again after a failover, long after it was typed: its rhythm tells nothing.</param>
public readonly record struct Keystroke(string Text, long ClientElapsedMs, bool Resent = false)
{
    public const string Backspace = "\b";
    public const string Enter = "\n";
}
