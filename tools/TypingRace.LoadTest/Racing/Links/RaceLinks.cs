using System.Text.Json;
using System.Text.Json.Serialization;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>Which client a racer's connection uses.</summary>
public enum LinkKind
{
    /// <summary>JSON over a bare WebSocket (<see cref="LeanRaceLink"/>): the default for JSON.</summary>
    Lean,

    /// <summary>Microsoft.AspNetCore.SignalR.Client: always for MessagePack.</summary>
    Official,
}

public static class RaceLinks
{
    public const string HubPath = "/hubs/race";

    /// <summary>The gateway's JSON: camelCase names, enums as camelCase strings (docs/protocol.md).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IRaceLink Open(Uri server, Seat seat, WireProtocol protocol, LinkKind kind) =>
        protocol == WireProtocol.Json && kind == LinkKind.Lean
            ? new LeanRaceLink(server, seat.Token, seat.PlayerId)
            : new OfficialRaceLink(server, seat, protocol);
}
