using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.LoadTest.Measuring;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// The TypingRace gateway, used as docs/protocol.md says: players registered over REST, the room created by its
/// host, races started by the host and started again (next passage) whenever one ends.
/// </summary>
public sealed class TypingRaceServer(Uri server, Passages passages, Measurements measurements) : IRaceServer, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<Racer, Channel<RaceStart>> raceStarts = new();
    private readonly ConcurrentDictionary<RaceRoom, Channel<RoomView>> hostViews = new();

    public async Task<RoomPlan> PlanRoom(int roomIndex, int seats, CancellationToken cancellationToken)
    {
        var players = new List<Seat>(seats);
        for (var seat = 0; seat < seats; seat++)
        {
            players.Add(await Register($"bot {roomIndex}.{seat}", cancellationToken));
        }

        var (guide, paragraph) = passages.StartOf(roomIndex);
        return new RoomPlan(await CreateRoom(players[0], guide, paragraph, cancellationToken), players);
    }

    public void Attach(Racer racer)
    {
        var starts = Channel.CreateUnbounded<RaceStart>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        raceStarts[racer] = starts;
        var views = racer == racer.Room.Host ? hostViews.GetOrAdd(racer.Room, _ => Channel.CreateUnbounded<RoomView>()) : null;
        var lastRace = 0;
        racer.Connection.On<RoomView>("roomChanged", view =>
        {
            // The host acts on results by calling the hub, which a handler must not wait for; its loop does that.
            views?.Writer.TryWrite(view);
            if (view.Phase != RoomPhase.Racing || view.RaceNumber <= lastRace)
            {
                return;
            }

            lastRace = view.RaceNumber;
            if (passages.TryMatch(view, out var passage))
            {
                starts.Writer.TryWrite(new RaceStart(view.RaceNumber, passage, new ScoringPredictor(passage), Stopwatch.GetTimestamp()));
            }
            else
            {
                measurements.Error("passage-mismatch");
            }
        });
    }

    public Task Join(Racer racer, CancellationToken cancellationToken) =>
        racer.Connection.InvokeAsync<RoomView>("JoinRoom", racer.Room.Code, cancellationToken);

    public IAsyncEnumerable<RaceStart> Races(Racer racer, CancellationToken cancellationToken) =>
        raceStarts[racer].Reader.ReadAllAsync(cancellationToken);

    public async Task Host(RaceRoom room, CancellationToken cancellationToken)
    {
        var host = room.Host.Connection;
        var restarted = 0;
        try
        {
            await Call(host, "StartRace", room.Code, cancellationToken);
            await foreach (var view in hostViews[room].Reader.ReadAllAsync(cancellationToken))
            {
                // Keep the room typing: as soon as a race has its results, on to the next passage.
                if (view.Phase == RoomPhase.Results && view.RaceNumber > restarted)
                {
                    restarted = view.RaceNumber;
                    await Call(host, "NextPassage", room.Code, cancellationToken);
                    await Call(host, "StartRace", room.Code, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public void Dispose() => http.Dispose();

    private async Task Call(HubConnection host, string method, string code, CancellationToken cancellationToken)
    {
        try
        {
            await host.InvokeAsync(method, code, cancellationToken);
        }
        catch (HubException refusal)
        {
            measurements.Error(HubErrors.CodeOf(refusal));
        }
    }

    private async Task<Seat> Register(string name, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/players", new { name }, Json, cancellationToken);
        response.EnsureSuccessStatusCode();
        var registration = await response.Content.ReadFromJsonAsync<Registration>(Json, cancellationToken)
            ?? throw new InvalidDataException("POST /api/players answered without a body.");
        return new Seat(registration.PlayerId, registration.Token);
    }

    private async Task<string> CreateRoom(Seat host, Guide guide, int paragraph, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = JsonContent.Create(new { guideId = guide.Id, paragraphIndex = paragraph, length = Passages.Length }, options: Json),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", host.Token) },
        };
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedRoom>(Json, cancellationToken)
            ?? throw new InvalidDataException("POST /api/rooms answered without a body.");
        return created.Code;
    }

    private sealed record Registration(string PlayerId, string Token);

    private sealed record CreatedRoom(string Code);
}
