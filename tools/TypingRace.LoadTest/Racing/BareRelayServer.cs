using System.Diagnostics;
using System.Runtime.CompilerServices;
using TypingRace.Engine.Rooms;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// bench/TypingRace.Bench.BareRelay: no accounts and no races. A racer's token is its player id, a room is
/// whatever code its racers join, and the bots go from one passage to the next on their own.
/// </summary>
public sealed class BareRelayServer(Passages passages) : IRaceServer
{
    /// <summary>The relay knows no races; every update it sends carries race number 0.</summary>
    public const int RaceNumber = 0;

    /// <summary>Between two passages a bot rests as long as a TypingRace countdown (bench/relay/run.sh sets 1 s).</summary>
    private static readonly TimeSpan BetweenPassages = TimeSpan.FromSeconds(1);

    public Task<RoomPlan> PlanRoom(int roomIndex, int seats, CancellationToken cancellationToken)
    {
        // Player ids of the gateway's length (32 hex digits), so the relayed updates are as long as its updates.
        var players = Enumerable.Range(0, seats).Select(_ => Guid.NewGuid().ToString("N")).Select(id => new Seat(id, id)).ToList();
        return Task.FromResult(new RoomPlan(CodeOf(roomIndex), players));
    }

    public void Attach(Racer racer)
    {
        // The progress updates are all a bare room sends; the racer listens to those itself.
    }

    public Task Join(Racer racer, CancellationToken cancellationToken) =>
        racer.Connection.Invoke("JoinRoom", racer.Room.Code, cancellationToken);

    public async IAsyncEnumerable<RaceStart> Races(Racer racer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One predictor for the whole run: the relay counts a racer's keys across passages.
        var predictor = new KeyCountPredictor();
        var (guide, paragraph) = passages.StartOf(racer.Room.Index);
        var passage = passages.Get(guide, paragraph);
        while (true)
        {
            yield return new RaceStart(RaceNumber, passage, predictor, Stopwatch.GetTimestamp());
            await Task.Delay(BetweenPassages, cancellationToken);
            passage = passages.After(passage);
        }
    }

    public Task Host(RaceRoom room, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A distinct code in the room alphabet for every room of the run.</summary>
    private static string CodeOf(int roomIndex)
    {
        var code = new char[RoomCode.Length];
        for (var i = code.Length - 1; i >= 0; i--)
        {
            code[i] = RoomCode.Alphabet[roomIndex % RoomCode.Alphabet.Length];
            roomIndex /= RoomCode.Alphabet.Length;
        }

        return new string(code);
    }
}
