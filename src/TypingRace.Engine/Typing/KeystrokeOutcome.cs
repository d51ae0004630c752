namespace TypingRace.Engine.Typing;

public enum KeystrokeOutcome
{
    /// <summary>The cursor moved forward.</summary>
    Correct,

    /// <summary>The code point joined the error run and counts against accuracy.</summary>
    Wrong,

    /// <summary>Not counted: the error run is at its cap, or the race is already finished.</summary>
    Ignored,

    /// <summary>One code point of the error run was removed.</summary>
    Backspaced,

    /// <summary>Nothing to do: a backspace with no error run, or an empty keystroke.</summary>
    NoOp,
}
