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
        length = default;
        return raw is { Length: > 0 } && char.IsLetter(raw[0])
            && Enum.TryParse(raw, ignoreCase: true, out length) && Enum.IsDefined(length);
    }
}
