using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Racing;

/// <summary>What differs between the servers: how rooms and players come to be, and how races start.</summary>
public interface IRaceServer
{
    /// <summary>Whatever comes before the rooms (a cohort and its round); answers how many rooms the run has.</summary>
    Task<int> Prepare(LoadTestOptions options, CancellationToken cancellationToken) => Task.FromResult(options.RoomCount);

    /// <summary>
    /// Completes once racing is under way, so the warm-up starts then: at once where the generator starts the races
    /// itself, when the heats start for a cohort round the server starts on its own clock.
    /// </summary>
    Task Racing(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes the room and its players where the server needs that; says who sits where.</summary>
    Task<RoomPlan> PlanRoom(int roomIndex, int seats, CancellationToken cancellationToken);

    /// <summary>Called for each racer after its room is seated and before it connects.</summary>
    void Attach(Racer racer);

    Task Join(Racer racer, CancellationToken cancellationToken);

    /// <summary>The races this racer types, one after the other, as they start.</summary>
    IAsyncEnumerable<RaceStart> Races(Racer racer, CancellationToken cancellationToken);

    /// <summary>Keeps a room racing until cancelled.</summary>
    Task Host(RaceRoom room, CancellationToken cancellationToken);
}

public sealed record RoomPlan(string Code, IReadOnlyList<Seat> Seats);

public sealed record Seat(string PlayerId, string Token);
