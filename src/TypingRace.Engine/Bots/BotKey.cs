using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Bots;

/// <summary>One key the bot presses.</summary>
/// <param name="Text">One code point (a supplementary one is two UTF-16 units), <see cref="Keystroke.Enter"/> or <see cref="Keystroke.Backspace"/>.</param>
/// <param name="Delay">Time since the bot's previous key, or since the race start for its first key; whole milliseconds, as a client reports them.</param>
public readonly record struct BotKey(string Text, TimeSpan Delay);
