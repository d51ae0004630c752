namespace TypingRace.Engine.Races;

[Flags]
public enum LoggedKeyFlags : byte
{
    None = 0,

    /// <summary>Sent again after a failover: the client's copy of a key the room had not stored. Timing checks skip it.</summary>
    Resent = 1,

    /// <summary>Not a key but a hint (Tab): the racer asked for the next word.</summary>
    Hint = 2,
}

/// <summary>
/// One accepted input of a racer, as the room received it: the raw material every score is folded from.
/// </summary>
/// <param name="Seq">The client's batch number it came in; the room's own for hints and bots.</param>
/// <param name="Text">A key as <see cref="Typing.Keystroke.Text"/> has it; empty for a hint.</param>
/// <param name="ClientMs">The client's elapsed time since the race start.</param>
/// <param name="ServerMs">When the room received it, Unix milliseconds on the server clock.</param>
public readonly record struct LoggedKey(long Seq, string Text, long ClientMs, long ServerMs, LoggedKeyFlags Flags = LoggedKeyFlags.None)
{
    public bool IsHint => (Flags & LoggedKeyFlags.Hint) != 0;

    public bool IsResent => (Flags & LoggedKeyFlags.Resent) != 0;

    public static LoggedKey Hint(long seq, long serverMs) => new(seq, "", 0, serverMs, LoggedKeyFlags.Hint);
}
