using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Spectre.Console;
using TypingRace.Engine.Bots;
using TypingRace.LoadTest.Measuring;
using TypingRace.LoadTest.Options;
using TypingRace.LoadTest.Racing;
using TypingRace.LoadTest.Racing.Links;
using TypingRace.LoadTest.Reporting;

namespace TypingRace.LoadTest;

/// <summary>
/// One run: seat and connect the racers, race through the warm-up and the measured phase, give the keys typed
/// in it time to reach the opponents, then report. It ends by itself within <see cref="LoadTestOptions.Deadline"/>.
/// </summary>
public sealed class LoadRun(LoadTestOptions options, IAnsiConsole console)
{
    // Rooms set up at once: enough to keep the server busy, few enough that a slow one does not time out.
    private const int SetupParallelism = 16;

    // Descriptors beyond one socket per racer: the runtime, the REST client, the console.
    private const int SpareDescriptors = 256;

    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(100);

    private readonly Measurements measurements = new();
    private readonly List<RaceRoom> rooms = [];

    public async Task<RunReport> Execute(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Deadline);
        var startedAt = DateTimeOffset.UtcNow;
        var openFiles = OpenFileLimit.RaiseTo(options.Racers + SpareDescriptors);
        var serverIdle = ReadServer();
        var passages = Passages.Load();
        using var rest = new GatewayRest(options.Url);
        IRaceServer server = options.Server switch
        {
            ServerKind.Bare => new BareRelayServer(passages),
            ServerKind.Cohort => new CohortServer(rest, new TypingRaceServer(rest, passages, measurements), passages),
            _ => new TypingRaceServer(rest, passages, measurements),
        };
        var progress = new LiveProgress(console, measurements, options.Racers);
        var showing = progress.Show(stop.Token);
        try
        {
            progress.Phase = "setting up";
            await SetUp(server, stop.Token);
            if (rooms.Count == 0)
            {
                throw new LoadRunFailedException($"No room could be set up ({Describe(measurements.Errors)}).");
            }

            var figures = await Race(server, progress, stop);
            return figures.ToReport(options, rooms.Count, startedAt, serverIdle, openFiles);
        }
        finally
        {
            await stop.CancelAsync();
            await showing;
            await TearDown();
        }
    }

    private async Task SetUp(IRaceServer server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SetupTimeout);
        try
        {
            int roomCount;
            try
            {
                roomCount = await server.Prepare(options, timeout.Token);
            }
            catch (HttpRequestException refused)
            {
                measurements.Error($"setup-http-{(int?)refused.StatusCode ?? 0}");
                console.MarkupLineInterpolated($"[red]Setting up failed: {refused.Message}[/]");
                return;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = timeout.Token };
            await Parallel.ForEachAsync(Enumerable.Range(0, roomCount), parallel, async (index, token) =>
            {
                if (await SetUpRoom(server, index, token) is { } room)
                {
                    lock (rooms)
                    {
                        rooms.Add(room);
                    }
                }
            });
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The rooms that made it race; the ones that did not are errors.
            measurements.Error("setup-timeout");
        }
    }

    /// <summary>Null when the room could not be set up: the failure is counted, and what was connected is closed.</summary>
    private async Task<RaceRoom?> SetUpRoom(IRaceServer server, int index, CancellationToken cancellationToken)
    {
        RaceRoom? room = null;
        try
        {
            var plan = await server.PlanRoom(index, options.SeatsIn(index), cancellationToken);
            room = new RaceRoom(index, plan.Code);
            for (var seat = 0; seat < plan.Seats.Count; seat++)
            {
                // A seed per racer, so a run with the same options types the same keys.
                var random = new Random(options.Seed * 100_003 + index * options.RoomSize + seat);
                var style = new BotStyle(options.Wpm.Sample(random), options.ErrorRate);
                var connection = RaceLinks.Open(options.Url, plan.Seats[seat], options.Protocol, options.Link);
                room.Seat(new Racer(room, plan.Seats[seat].PlayerId, connection, style, random, measurements));
            }

            foreach (var racer in room.Racers)
            {
                server.Attach(racer);
                await racer.Connect(cancellationToken);
                await server.Join(racer, cancellationToken);
            }

            return room;
        }
        catch (Exception failure)
        {
            measurements.Error(failure switch
            {
                OperationCanceledException => "setup-timeout",
                HubException refusal => HubErrors.CodeOf(refusal),
                HttpRequestException { StatusCode: { } status } => $"setup-http-{(int)status}",
                _ => $"setup-failed ({failure.GetType().Name})",
            });
            await Close(room?.Racers ?? []);
            return null;
        }
    }

    private async Task<RunFigures> Race(IRaceServer server, LiveProgress progress, CancellationTokenSource stop)
    {
        using var typing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        var racing = rooms.SelectMany(room => room.Racers)
            .Select(racer => racer.Race(server.Races(racer, typing.Token), typing.Token, stop.Token))
            .Concat(rooms.Select(room => server.Host(room, stop.Token)))
            .ToList();

        try
        {
            progress.Phase = "waiting for the start";
            try
            {
                await server.Racing(stop.Token).WaitAsync(options.SetupTimeout, stop.Token);
            }
            catch (TimeoutException)
            {
                // Measured all the same: the figures then show that nothing raced.
                measurements.Error("no-race-started");
            }

            progress.Phase = "warming up";
            await Task.Delay(options.Warmup, stop.Token);

            progress.Phase = "measuring";
            var start = Stopwatch.GetTimestamp();
            measurements.OpenWindow(start, start + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency));
            var (serverFrom, generatorFrom) = (ReadServer(), ReadGenerator());
            await Task.Delay(options.Duration, stop.Token);
            var (serverTo, generatorTo) = (ReadServer(), ReadGenerator());
            var connected = measurements.Connected;

            progress.Phase = "draining";
            await typing.CancelAsync();
            var drainUntil = Stopwatch.GetTimestamp() + (long)(LoadTestOptions.DrainTimeout.TotalSeconds * Stopwatch.Frequency);
            while (measurements.Undelivered > 0 && Stopwatch.GetTimestamp() < drainUntil)
            {
                await Task.Delay(DrainPoll, stop.Token);
            }

            return new RunFigures(measurements, connected, serverFrom, serverTo, generatorFrom, generatorTo);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(racing);
        }
    }

    private async Task TearDown()
    {
        try
        {
            await Close(rooms.SelectMany(room => room.Racers)).WaitAsync(LoadTestOptions.TeardownTimeout);
        }
        catch (TimeoutException)
        {
            // The figures are taken; the process exit closes what is left.
            console.MarkupLine("[yellow]Closing the connections took too long; leaving the rest to the process exit.[/]");
        }
    }

    private static Task Close(IEnumerable<Racer> racers) => Task.WhenAll(racers.Select(racer => racer.DisposeAsync().AsTask()));

    private ProcessSample? ReadServer() => ProcessSample.ReadTogether(options.ServerPids);

    private static ProcessSample? ReadGenerator() => ProcessSample.Read(Environment.ProcessId);

    private static string Describe(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "no error" : string.Join(", ", errors.Select(error => $"{error.Key}: {error.Value}"));
}

public sealed class LoadRunFailedException(string message) : Exception(message);
