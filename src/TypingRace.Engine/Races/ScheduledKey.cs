namespace TypingRace.Engine.Races;

/// <summary>
/// A key a pseudo-racer presses, and when: a bot's typist and a ghost's stored run both come down to these, and the
/// room plays them on the race clock like a client's keys.
/// </summary>
/// <param name="Text">A key as <see cref="Typing.Keystroke.Text"/> has it.</param>
/// <param name="AtMs">Race time since the start, in whole milliseconds.</param>
public readonly record struct ScheduledKey(string Text, long AtMs);
