using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.LoadTest.Measuring;
using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// The TypingRace gateway, used as docs/protocol.md says: players registered over REST, the room created by its
/// host, races started by the host and started again (next passage) whenever one ends.
/// </summary>
public sealed class TypingRaceServer(GatewayRest rest, Passages passages, Measurements measurements) : IRaceServer
{
    private readonly ConcurrentDictionary<Racer, RaceFeed> feeds = new();
    private readonly ConcurrentDictionary<RaceRoom, Channel<RoomView>> hostViews = new();

    public async Task<RoomPlan> PlanRoom(int roomIndex, int seats, CancellationToken cancellationToken)
    {
        var players = new List<Seat>(seats);
        for (var seat = 0; seat < seats; seat++)
        {
            players.Add(await rest.Register($"bot {roomIndex}.{seat}", cancellationToken));
        }

        var (guide, paragraph) = passages.StartOf(roomIndex);
        return new RoomPlan(await CreateRoom(players[0], guide, paragraph, cancellationToken), players);
    }

    public void Attach(Racer racer)
    {
        var host = racer == racer.Room.Host ? hostViews.GetOrAdd(racer.Room, _ => Channel.CreateUnbounded<RoomView>()).Writer : null;
        var feed = feeds[racer] = new RaceFeed(passages, measurements, host);
        racer.Connection.OnRoomChanged(feed.See);
    }

    /// <summary>Joins; a racer placed in a room whose race already runs (a cohort heat reached late) learns of it from the answer.</summary>
    public async Task Join(Racer racer, CancellationToken cancellationToken) =>
        feeds[racer].See(await racer.Connection.Invoke<RoomView>("JoinRoom", racer.Room.Code, cancellationToken));

    public IAsyncEnumerable<RaceStart> Races(Racer racer, CancellationToken cancellationToken) =>
        feeds[racer].Starts.Reader.ReadAllAsync(cancellationToken);

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

    private async Task Call(IRaceLink host, string method, string code, CancellationToken cancellationToken)
    {
        try
        {
            await host.Invoke(method, code, cancellationToken);
        }
        catch (HubException refusal)
        {
            measurements.Error(HubErrors.CodeOf(refusal));
        }
    }

    private async Task<string> CreateRoom(Seat host, Guide guide, int paragraph, CancellationToken cancellationToken) =>
        (await rest.Send<CreatedRoom>(
            HttpMethod.Post, "/api/rooms", new { guideId = guide.Id, paragraphIndex = paragraph, length = Passages.Length }, host.Token, key: null, cancellationToken)).Code;

    private sealed record CreatedRoom(string Code);

    /// <summary>One racer's room views, from events and from its JoinRoom answer, turned into the races it types.</summary>
    private sealed class RaceFeed(Passages passages, Measurements measurements, ChannelWriter<RoomView>? host)
    {
        private readonly Lock gate = new();
        private int lastRace;

        public Channel<RaceStart> Starts { get; } = Channel.CreateUnbounded<RaceStart>(new UnboundedChannelOptions { SingleReader = true });

        public void See(RoomView view)
        {
            measurements.ViewReceived();

            // The host acts on results by calling the hub, which a handler must not wait for; its loop does that.
            host?.TryWrite(view);
            lock (gate)
            {
                if (view.Phase != RoomPhase.Racing || view.RaceNumber <= lastRace)
                {
                    return;
                }

                lastRace = view.RaceNumber;
            }

            if (passages.TryMatch(view, out var passage))
            {
                Starts.Writer.TryWrite(new RaceStart(view.RaceNumber, passage, new ScoringPredictor(passage), Stopwatch.GetTimestamp()));
            }
            else
            {
                measurements.Error("passage-mismatch");
            }
        }
    }
}
