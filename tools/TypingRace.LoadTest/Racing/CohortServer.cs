using System.Runtime.CompilerServices;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// A cohort round on the TypingRace gateway, as docs/cohorts.md runs one: an instructor's cohort, every racer a
/// student who joined it and is online, and one round started for all of them at once. The cohort splits them
/// into heats of its <c>Cohorts:HeatSize</c>; the heats are the run's rooms, and their races start together on the
/// server's clock. The racers join their heat during the round's countdown (<c>Cohorts:RoundCountdown</c>).
/// </summary>
public sealed class CohortServer(GatewayRest rest, TypingRaceServer rooms, Passages passages) : IRaceServer
{
    // Students registered and joined at once, as in LoadRun's room setup.
    private const int SetupParallelism = 16;

    private readonly TaskCompletionSource racing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<RoomPlan> heats = [];

    public async Task<int> Prepare(LoadTestOptions options, CancellationToken cancellationToken)
    {
        var instructor = await rest.Register("instructor", cancellationToken);
        var cohort = await rest.Send<CreatedCohort>(HttpMethod.Post, "/api/cohorts", new { name = "Load test" }, instructor.Token, key: null, cancellationToken);
        var students = new Seat[options.Racers];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Racers), parallel, async (i, token) =>
        {
            var student = await rest.Register($"student {i}", token);
            await rest.Call(HttpMethod.Post, $"/api/cohorts/{cohort.Code}/join", body: null, student.Token, key: null, token);
            await rest.Call(HttpMethod.Post, $"/api/cohorts/{cohort.Code}/presence", body: null, student.Token, key: null, token);
            students[i] = student;
        });

        var (guide, paragraph) = passages.StartOf(0);
        var round = new { guideId = guide.Id, paragraphIndex = paragraph, length = Passages.Length };
        var competition = await rest.Send<Competition>(
            HttpMethod.Post, $"/api/cohorts/{cohort.Code}/competitions", new { name = "Load", rounds = new[] { round } }, token: null, cohort.InstructorKey, cancellationToken);
        var started = await rest.Send<StartedRound>(
            HttpMethod.Post, $"/api/cohorts/{cohort.Code}/competitions/{competition.Id}/rounds/1/start", body: null, token: null, cohort.InstructorKey, cancellationToken);
        var byId = students.ToDictionary(student => student.PlayerId, StringComparer.Ordinal);
        heats = [.. started.Heats.Select(heat => new RoomPlan(heat.RoomCode, [.. heat.PlayerIds.Select(id => byId[id])]))];
        return heats.Count;
    }

    /// <summary>The heat the cohort made; the generator's room size does not decide it, the server's heat size does.</summary>
    public Task<RoomPlan> PlanRoom(int roomIndex, int seats, CancellationToken cancellationToken) => Task.FromResult(heats[roomIndex]);

    public void Attach(Racer racer) => rooms.Attach(racer);

    public Task Join(Racer racer, CancellationToken cancellationToken) => rooms.Join(racer, cancellationToken);

    public async IAsyncEnumerable<RaceStart> Races(Racer racer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var race in rooms.Races(racer, cancellationToken))
        {
            // Every heat starts at the same moment on the server's clock: the first start seen is the round's.
            racing.TrySetResult();
            yield return race;
        }
    }

    public Task Racing(CancellationToken cancellationToken) => racing.Task.WaitAsync(cancellationToken);

    /// <summary>The cohort started every heat; a round is one race per heat, so there is nothing to restart.</summary>
    public async Task Host(RaceRoom room, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private sealed record CreatedCohort(string Code, string InstructorKey);

    private sealed record Competition(string Id);

    private sealed record StartedRound(Heat[] Heats);

    private sealed record Heat(string RoomCode, string[] PlayerIds);
}
