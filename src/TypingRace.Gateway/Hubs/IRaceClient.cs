using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Hubs;

/// <summary>The events a client receives; method names are the event names in docs/protocol.md.</summary>
public interface IRaceClient
{
    [HubMethodName("roomChanged")]
    Task RoomChanged(RoomView view);

    [HubMethodName("progress")]
    Task Progress(ProgressFrame frame);

    /// <summary>A batch sent with TypeKeys was refused.</summary>
    [HubMethodName("keysRefused")]
    Task KeysRefused(KeysRefused refusal);

    /// <summary>This gateway is shutting down: reconnect, after a random pause of up to <paramref name="reconnectWithinMs"/>.</summary>
    [HubMethodName("draining")]
    Task Draining(int reconnectWithinMs);
}
