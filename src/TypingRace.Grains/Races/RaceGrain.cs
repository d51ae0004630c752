using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.Races;

[GenerateSerializer, Alias("TypingRace.RaceState")]
public sealed class RaceState
{
    [Id(0)] public RaceCompleted? Race { get; set; }
}

/// <summary>
/// Keeps a finished race's one record, stored once by race id however often its room files it; proves it from its
/// key logs, and plays it back from them.
/// </summary>
public sealed class RaceGrain(
    [PersistentState("race", StorageNames.Races)] IPersistentState<RaceState> state,
    IKeyLogStore keyLogs,
    GuideCatalog guides,
    IOptions<RoomOptions> options,
    TimeProvider clock) : Grain, IRaceGrain
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Well beyond a room's save interval and its retries: a log still short after this will stay so.</summary>
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(1);

    public async Task File(RaceCompleted race)
    {
        if (state.State.Race is null)
        {
            state.State.Race = race;

            // A store that is away fails this call; the room files again until it hears back.
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IRoomGrain>(race.RoomCode).RaceFiled(race.RaceId);
    }

    public Task<RaceCompleted?> Get() => Task.FromResult(state.State.Race);

    public async Task<RaceCheck?> Verify()
    {
        if (state.State.Race is not { } race)
        {
            return null;
        }

        var (stored, problem, pending) = await Load(race);
        if (stored is null)
        {
            return new RaceCheck(race.RaceId, false, problem,
                [.. race.Lines.Select(line => new RacerCheck(line.PlayerId, line.Name, false, 0, Figures(line), null))], pending);
        }

        // In the recorded order, which is the placement order with any ghost where it finished.
        var racers = race.Lines
            .Select(line => new RecordedRacer(line.PlayerId, Declared(line), Engine(Figures(line)), stored.Logs[line.PlayerId])).ToList();
        var checks = RaceVerification.Verify(stored.Passage, options.Value.TypingRules, stored.Clock, racers)
            .Select(v => new RacerCheck(v.PlayerId, race.Lines.First(l => l.PlayerId == v.PlayerId).Name, v.Matches, v.Keys, Contract(v.Recorded), Contract(v.Recomputed)))
            .ToArray();
        return new RaceCheck(race.RaceId, checks.All(c => c.Matches), null, checks);
    }

    public async Task<Reply<RaceReplay>?> Replay()
    {
        if (state.State.Race is not { } race)
        {
            return null;
        }

        var (stored, problem, pending) = await Load(race);
        if (stored is null)
        {
            return Reply<RaceReplay>.Fail(pending ? ErrorCodes.ReplayPending : ErrorCodes.ReplayUnavailable, problem!);
        }

        var racers = race.Lines.Select(line => new ReplayRacer(
            line,
            [.. ReplayTimeline.Of(stored.Passage, options.Value.TypingRules, stored.Clock, stored.Logs[line.PlayerId])
                .SelectMany(step => new[] { step.AtMs, step.Position, step.ErrorRunLength })])).ToArray();
        var duration = racers.Select(r => r.Steps.Length >= 3 ? r.Steps[^3] : 0).DefaultIfEmpty(0).Max();
        return Reply<RaceReplay>.Ok(new RaceReplay(
            race.RaceId,
            new GuideInfo(stored.Guide.Id, stored.Guide.Title, stored.Guide.Paragraphs.Count),
            RoomViews.PassageViewOf(stored.Guide, stored.Passage, options.Value.TypingRules, withText: true),
            race.StartedAt,
            duration,
            racers));
    }

    public async Task<Reply<GhostRun[]>?> Ghosts(string[]? playerIds)
    {
        if (state.State.Race is not { } race)
        {
            return null;
        }

        var lines = race.Lines.Where(line => playerIds is null || playerIds.Contains(line.PlayerId)).OrderBy(line => line.Place == 0).ThenBy(line => line.Place).ToList();
        if (lines.Count == 0)
        {
            return Reply<GhostRun[]>.Fail(ErrorCodes.MemberNotFound, "Nobody of those raced in this race.");
        }

        // Only these racers' logs: a best run's log is kept for good, the others in its race may have expired.
        var (stored, problem, pending) = await Load(race, lines);
        if (stored is null)
        {
            return Reply<GhostRun[]>.Fail(pending ? ErrorCodes.ReplayPending : ErrorCodes.ReplayUnavailable, problem!);
        }

        var passage = new PassageChoice(race.GuideId, race.FirstParagraphIndex, race.Length);
        return Reply<GhostRun[]>.Ok([.. lines.Select(line => new GhostRun(
            line.IsGhost ? line.Name : $"Ghost of {line.Name}",
            race.RaceId,
            line.PlayerId,
            passage,
            race.FirstParagraphId,
            line.Wpm,
            GhostRuns.Encode(GhostRuns.Schedule(stored.Passage, options.Value.TypingRules, stored.Clock, stored.Logs[line.PlayerId]))))]);
    }

    /// <summary>The raced passage and every racer's whole log, or why they cannot be had (and whether that passes).</summary>
    private async Task<(StoredRace? Stored, string? Problem, bool Pending)> Load(RaceCompleted race, IReadOnlyList<ResultLine>? only = null)
    {
        var lines = only ?? race.Lines;
        var guide = await guides.Find(race.GuideId);
        var passage = guide is not null && race.FirstParagraphIndex < guide.Paragraphs.Count
            ? PassageBuilder.Build(guide, race.FirstParagraphIndex, race.Length)
            : null;
        if (guide is null || passage is null || passage.FirstParagraphId != race.FirstParagraphId || passage.CharacterCount != race.CharacterCount)
        {
            // Guides keep their paragraph ids (PRODUCT.md); a passage that is not the raced one cannot prove anything.
            return (null, "The passage raced is no longer in its guide as it was.", false);
        }

        using var timeout = new CancellationTokenSource(ReadTimeout);
        var read = await keyLogs.Read(race.RaceId, lines.Select(line => line.PlayerId), timeout.Token);
        var logs = lines.ToDictionary(line => line.PlayerId, line => read.TryGetValue(line.PlayerId, out var bytes) ? KeyLogCodec.Decode(bytes) : []);
        if (race.KeyCounts?.Any(count => logs.TryGetValue(count.Key, out var keys) && keys.Count < count.Value) == true)
        {
            // The room appends its last keys on its next save; only a silo lost in between leaves them missing for good.
            return clock.GetUtcNow() - race.EndedAt < PendingFor
                ? (null, "The race's last keys are still being stored; ask again in a moment.", true)
                : (null, "Some keys of this race were never stored, so it cannot be proved or played again.", false);
        }

        var raceClock = new RaceClock(race.StartedAt, options.Value.RaceTimeLimit, [.. (race.Pauses ?? []).Select(p => new ClockPause(p.From, p.Length))]);
        return (new StoredRace(guide, passage, raceClock, logs), null, false);
    }

    /// <summary>What the room declared of the racer, beyond what the keys show: a bot, a ghost, a replayed run.</summary>
    private static FairPlayFlags Declared(ResultLine line) =>
        (line.IsGhost ? FairPlayFlags.Ghost : line.IsBot ? FairPlayFlags.Bot : FairPlayFlags.None)
        | (FairPlayFlagNames.Parse(line.Flags) & FairPlayRules.Declared & ~(FairPlayFlags.Bot | FairPlayFlags.Ghost));

    private static CheckedFigures Figures(ResultLine line) =>
        new(line.Place, line.Finished, line.Wpm, line.Accuracy, line.TimeMs, line.Hints, line.Position, line.Flags);

    private static RacerFigures Engine(CheckedFigures f) => new(f.Place, f.Finished, f.Wpm, f.Accuracy, f.TimeMs, f.Hints, f.Position, f.Flags);

    private static CheckedFigures Contract(RacerFigures f) => new(f.Place, f.Finished, f.Wpm, f.Accuracy, f.TimeMs, f.Hints, f.Position, [.. f.Flags]);

    private sealed record StoredRace(Guide Guide, Passage Passage, RaceClock Clock, Dictionary<string, List<LoggedKey>> Logs);
}
