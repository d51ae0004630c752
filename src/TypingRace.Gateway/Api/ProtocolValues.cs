using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Rooms;

namespace TypingRace.Gateway.Api;

/// <summary>Parsing of the protocol's named values, shared by REST and the hub.</summary>
public static class ProtocolValues
{
    public static readonly RaceError BadLength = new(ErrorCodes.BadLength, "The length must be 'short', 'medium' or 'long'.");

    public static readonly RaceError BadRoomCode =
        new(ErrorCodes.BadRoomCode, $"A room code is {RoomCode.Length} characters from {RoomCode.Alphabet}.");

    public static bool TryParseLength(string? raw, out PassageLength length)
    {
        var parsed = Parse<PassageLength>(raw);
        length = parsed ?? default;
        return parsed is not null;
    }

    /// <summary>A protocol name of an enum value, case-insensitive; numbers are not names.</summary>
    public static T? Parse<T>(string? raw)
        where T : struct, Enum =>
        raw is { Length: > 0 } && char.IsLetter(raw[0]) && Enum.TryParse<T>(raw, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;
}
