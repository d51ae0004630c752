using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.LoadTest.Options;
using TypingRace.LoadTest.Racing;
using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Tests.Racing.Links;

/// <summary>
/// The load tool's own SignalR client against the real gateway: it joins, starts a race, types with TypeKeys, reads
/// its acknowledgements from the frames, and what it reads is what the official client reads of the same race.
/// </summary>
public sealed class LeanRaceLinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Races_on_the_real_hub_and_reads_what_the_official_client_reads()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        await using var server = await ServerProcess.StartGateway();
        using var rest = new GatewayRest(server.Url);
        var passages = Passages.Load();
        var (guide, paragraph) = passages.StartOf(0);
        var seats = new List<Seat>();
        foreach (var name in new[] { "Ada", "Lean Bob", "Official Cy" })
        {
            seats.Add(await rest.Register(name, ct));
        }

        var code = (await rest.Send<CreatedRoom>(
            HttpMethod.Post, "/api/rooms", new { guideId = guide.Id, paragraphIndex = paragraph, length = Passages.Length }, seats[0].Token, key: null, ct)).Code;
        var room = new RaceRoom(0, code);
        await using var typist = new Watcher(room, seats[0], LinkKind.Lean);
        await using var lean = new Watcher(room, seats[1], LinkKind.Lean);
        await using var official = new Watcher(room, seats[2], LinkKind.Official);
        foreach (var watcher in new[] { typist, lean, official })
        {
            await watcher.Join(server.Url, ct);
        }

        await typist.Link.Invoke("StartRace", code, ct);
        var racing = await typist.Racing.Task.WaitAsync(ct);
        Assert.True(passages.TryMatch(racing, out var passage), "the room's passage is one of the tool's guides");

        // Ada types the first 30 characters, with one wrong key and its backspace after the tenth: 31 characters typed, 30 right.
        var text = passage.Text[..30];
        var keys = text[..10].Select(c => $"{c}").Concat(["#", "\b"]).Concat(text[10..].Select(c => $"{c}")).ToList();
        var started = Stopwatch.GetTimestamp();
        var acks = new List<KeyAck>();
        for (var (seq, at) = (1, 0); at < keys.Count; (seq, at) = (seq + 1, at + 8))
        {
            // Keys stamped on the real clock, as a person types them: the server scores on its own clock.
            await Task.Delay(TimeSpan.FromMilliseconds(400), ct);
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var batch = keys.Skip(at).Take(8).Select((key, i) => new KeyPress(key, elapsed - ((7 - i) * 40))).ToArray();
            acks.Add(await typist.Link.SendKeys(code, new KeyBatch(seq, batch), ct));
        }

        var last = acks[^1];
        Assert.Equal([1, 2, 3, 4], acks.Select(ack => ack.Seq));
        Assert.Equal(30, last.Position);
        Assert.Equal(0, last.ErrorLength);
        Assert.Equal(30.0 / 31, last.Accuracy!.Value, precision: 3);
        Assert.InRange(last.StoredSeq, 0, 4);

        // A batch again is refused (a keysRefused event) with its documented code, and the connection goes on.
        var refusal = await Assert.ThrowsAsync<HubException>(() => typist.Link.SendKeys(code, new KeyBatch(2, [new KeyPress("x", 9_000)]), ct));
        Assert.Equal(ErrorCodes.DuplicateBatch, HubErrors.CodeOf(refusal));
        Assert.Equal(RoomPhase.Racing, (await typist.Link.Invoke<RoomView>("JoinRoom", code, ct)).Phase);

        // Both clients see Ada where her last ack put her.
        var seenByLean = await lean.Reached(typist, 30).WaitAsync(ct);
        var seenByOfficial = await official.Reached(typist, 30).WaitAsync(ct);
        Assert.Equal(new ObservedState(last.Position, last.ErrorLength, last.Accuracy), seenByLean);
        Assert.Equal(seenByLean, seenByOfficial);
        Assert.Equal(racing.RaceNumber, (await lean.Racing.Task).RaceNumber);
        Assert.Equal(racing.Passage.Text, (await official.Racing.Task).Passage.Text);
    }

    private sealed record CreatedRoom(string Code);

    /// <summary>One player on one kind of link, noting the race's start and each racer's last state in the frames.</summary>
    private sealed class Watcher(RaceRoom room, Seat seat, LinkKind kind) : IAsyncDisposable
    {
        private readonly Lock gate = new();
        private readonly List<(Racer Racer, int Position, TaskCompletionSource<ObservedState> Seen)> waits = [];
        private readonly Dictionary<Racer, ObservedState> lastSeen = [];

        public IRaceLink Link { get; private set; } = null!;

        public Racer Racer { get; private set; } = null!;

        public TaskCompletionSource<RoomView> Racing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Join(Uri server, CancellationToken ct)
        {
            Link = RaceLinks.Open(server, seat, WireProtocol.Json, kind);
            Racer = new Racer(room, seat.PlayerId, Link, new(100, 0), new Random(1), new());
            room.Seat(Racer);
            Link.OnRoomChanged(view =>
            {
                if (view.Phase == RoomPhase.Racing)
                {
                    Racing.TrySetResult(view);
                }
            });
            Link.OnProgress(room, Saw);
            await Link.Start(ct);
            await Link.Invoke<RoomView>("JoinRoom", room.Code, ct);
        }

        /// <summary>The state a frame first shows <paramref name="watched"/> at <paramref name="position"/> in.</summary>
        public Task<ObservedState> Reached(Watcher watched, int position)
        {
            var seen = new TaskCompletionSource<ObservedState>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (lastSeen.TryGetValue(watched.Racer, out var state) && state.Position >= position)
                {
                    seen.SetResult(state);
                }
                else
                {
                    waits.Add((watched.Racer, position, seen));
                }
            }

            return seen.Task;
        }

        public ValueTask DisposeAsync() => Link?.DisposeAsync() ?? ValueTask.CompletedTask;

        private void Saw(int raceNumber, ReadOnlySpan<RacerSeen> racers)
        {
            lock (gate)
            {
                foreach (var (racer, state, _, _, _, _) in racers)
                {
                    lastSeen[racer] = state;
                    foreach (var wait in waits.Where(wait => wait.Racer == racer && state.Position >= wait.Position))
                    {
                        wait.Seen.TrySetResult(state);
                    }
                }
            }
        }
    }
}
