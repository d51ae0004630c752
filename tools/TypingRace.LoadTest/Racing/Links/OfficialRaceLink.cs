using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Abstractions;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>The official .NET SignalR client, for MessagePack and to compare the lean link with.</summary>
public sealed class OfficialRaceLink : IRaceLink
{
    private readonly HubConnection connection;
    private readonly KeyAcks acks;

    // The client runs one handler at a time per connection, so one buffer serves every frame.
    private RacerSeen[] seen = new RacerSeen[8];

    /// <summary>
    /// A WebSocket straight away, without the negotiate request: one request less per racer, and the transport
    /// every browser ends up on anyway. No automatic reconnect: a lost connection is an error of the run.
    /// </summary>
    public OfficialRaceLink(Uri server, Seat seat, WireProtocol protocol)
    {
        var token = seat.Token;
        acks = new KeyAcks(seat.PlayerId, inline: false);
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, RaceLinks.HubPath), HttpTransportType.WebSockets, options =>
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

        connection = builder.Build();
        connection.Closed += error =>
        {
            acks.Close(error ?? new OperationCanceledException("The connection was closed."));
            return Closed?.Invoke(error) ?? Task.CompletedTask;
        };
        connection.On<KeysRefused>("keysRefused", acks.Refused);
    }

    public event Func<Exception?, Task>? Closed;

    public Task Start(CancellationToken cancellationToken) => connection.StartAsync(cancellationToken);

    public Task Invoke(string method, string code, CancellationToken cancellationToken) =>
        connection.InvokeAsync(method, code, cancellationToken);

    public Task<T> Invoke<T>(string method, string code, CancellationToken cancellationToken) =>
        connection.InvokeAsync<T>(method, code, cancellationToken);

    public Task<KeyAck> SendKeys(string code, KeyBatch batch, CancellationToken cancellationToken) =>
        acks.Send(batch.Seq, () => connection.SendAsync("TypeKeys", code, batch, cancellationToken), cancellationToken);

    public void OnRoomChanged(Action<RoomView> handler) => connection.On<RoomView>("roomChanged", view =>
    {
        acks.SeeView(view);
        handler(view);
    });

    public void OnProgress(RaceRoom room, ProgressSeen handler) => connection.On<ProgressFrame>("progress", frame =>
    {
        if (seen.Length < frame.Racers.Length)
        {
            seen = new RacerSeen[frame.Racers.Length];
        }

        var count = 0;
        foreach (var racer in frame.Racers)
        {
            if (room.TryGet(racer.PlayerId, out var shown))
            {
                seen[count++] = new RacerSeen(shown, ObservedState.Of(racer), racer.Wpm, racer.Finished, racer.Seq, racer.StoredSeq);
            }
        }

        acks.SeeFrame(frame.RaceNumber, seen.AsSpan(0, count));
        handler(frame.RaceNumber, seen.AsSpan(0, count));
    });

    public ValueTask DisposeAsync()
    {
        Closed = null;
        return connection.DisposeAsync();
    }
}
