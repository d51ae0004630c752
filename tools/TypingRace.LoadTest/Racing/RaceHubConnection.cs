using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Racing;

public static class RaceHubConnection
{
    public const string Path = "/hubs/race";

    /// <summary>
    /// A WebSocket straight away, without the negotiate request: one request less per racer, and the transport
    /// every browser ends up on anyway. No automatic reconnect: a lost connection is an error of the run.
    /// </summary>
    public static HubConnection Build(Uri server, string token, WireProtocol protocol)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, Path), HttpTransportType.WebSockets, options =>
        {
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });
        if (protocol == WireProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            // The gateway writes enums as camelCase strings (docs/protocol.md).
            builder.AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        }

        return builder.Build();
    }
}
