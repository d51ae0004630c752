using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Cohorts;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Rooms;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.Cohorts;

/// <summary>
/// A cohort: loads its record, asks <see cref="CohortScoring"/> for heats and points, persists, and opens the heat
/// rooms through the students' player grains (so each student is in one room). Who is online is transient: the
/// students' pages say so every few seconds, and a new activation hears from them again.
/// </summary>
public sealed partial class CohortGrain(
    [PersistentState("cohort", StorageNames.Cohorts)] IPersistentState<CohortState> state,
    IOptions<CohortOptions> options,
    GuideCatalog guides,
    TimeProvider clock,
    ILogger<CohortGrain> logger) : Grain, ICohortGrain
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    private string Code => this.GetPrimaryKeyString();

    private CohortState Cohort => state.State;

    public async Task<Outcome> Create(string name, string instructorKeyHash, string creatorId)
    {
        if (Cohort.Created)
        {
            return Outcome.Fail(ErrorCodes.CohortExists, $"A cohort with the code {Code} already exists.");
        }

        if (CheckName(name, "A cohort") is { } refused)
        {
            return new Outcome(refused);
        }

        Cohort.Name = name.Trim();
        Cohort.KeyHash = instructorKeyHash;
        Cohort.CreatorId = creatorId;
        await state.WriteStateAsync();
        LogCohortCreated(logger, Code, creatorId);
        return Outcome.Ok;
    }

    public async Task<Reply<CohortView>> Join(PlayerCard student)
    {
        if (!Cohort.Created)
        {
            return Reply<CohortView>.Fail(ErrorCodes.CohortNotFound, $"There is no cohort {Code}.");
        }

        if (Student(student.PlayerId) is null)
        {
            if (Cohort.Students.Count >= options.Value.MaxMembers)
            {
                return Reply<CohortView>.Fail(ErrorCodes.CohortFull, $"Cohort {Code} has {options.Value.MaxMembers} students, as many as it may.");
            }

            Cohort.Students.Add(new CohortStudent { PlayerId = student.PlayerId, Name = student.Name, JoinedAt = clock.GetUtcNow() });
            await state.WriteStateAsync();
        }

        _lastSeen[student.PlayerId] = clock.GetUtcNow();
        return Reply<CohortView>.Ok(BuildView(student.PlayerId));
    }

    public Task<Outcome> Seen(string playerId)
    {
        if (MembershipRefusal(playerId) is { } refused)
        {
            return Task.FromResult(new Outcome(refused));
        }

        _lastSeen[playerId] = clock.GetUtcNow();
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Reply<CohortView>> View(string? playerId, string? instructorKeyHash)
    {
        // An instructor's own player (creator or co-instructor) sees the cohort too, so a console can offer a new key.
        var instructing = instructorKeyHash is null && playerId is not null && Cohort.Created && IsInstructor(playerId);
        var refused = instructorKeyHash is not null ? KeyRefusal(instructorKeyHash) : instructing ? null : MembershipRefusal(playerId);
        if (refused is not null)
        {
            return Task.FromResult(new Reply<CohortView>(null, refused));
        }

        var view = BuildView(instructorKeyHash is null && Student(playerId) is not null ? playerId : null);
        return Task.FromResult(Reply<CohortView>.Ok(instructorKeyHash is not null || instructing
            ? view with { Instructors = [Cohort.CreatorId, .. Cohort.CoInstructors] }
            : view));
    }

    public async Task<Reply<LiveRound?>> Live(string instructorKeyHash)
    {
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Reply<LiveRound?>(null, refused);
        }

        var running = Cohort.Competitions
            .SelectMany(c => c.Rounds.Select((round, i) => (Competition: c, Index: i, Round: round)))
            .FirstOrDefault(r => r.Round.State == RoundState.Running);
        if (running.Round is null)
        {
            return Reply<LiveRound?>.Ok(null);
        }

        var heats = await Task.WhenAll(running.Round.Heats.Select(async heat =>
        {
            var progress = await GrainFactory.GetGrain<IRoomGrain>(heat.RoomCode).GetProgress();
            return new LiveHeat(
                heat.RoomCode,
                progress?.Phase ?? RoomPhase.Lobby,
                progress?.CharacterCount ?? 0,
                [.. (progress?.Racers ?? []).Where(r => heat.PlayerIds.Contains(r.PlayerId))
                    .Select(r => new LiveRacer(r.PlayerId, NameOf(r.PlayerId), r.Position, r.Wpm, r.Accuracy, r.Finished))]);
        }));
        return Reply<LiveRound?>.Ok(new LiveRound(running.Competition.Id, running.Index, heats));
    }

    public async Task<Outcome> RotateKey(string playerId, string newKeyHash)
    {
        if (!Cohort.Created)
        {
            return Outcome.Fail(ErrorCodes.CohortNotFound, $"There is no cohort {Code}.");
        }

        if (!IsInstructor(playerId))
        {
            return Outcome.Fail(ErrorCodes.InstructorKeyRequired, "Only the cohort's creator and its co-instructors may get a new instructor key.");
        }

        Cohort.KeyHash = newKeyHash;
        await state.WriteStateAsync();
        LogKeyRotated(logger, Code, playerId);
        return Outcome.Ok;
    }

    public async Task<Outcome> AddInstructor(string instructorKeyHash, string playerId)
    {
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Outcome(refused);
        }

        if (Student(playerId) is null)
        {
            return Outcome.Fail(ErrorCodes.NotAMember, "A co-instructor is one of the cohort's students; that player is not.");
        }

        if (!IsInstructor(playerId))
        {
            Cohort.CoInstructors.Add(playerId);
            await state.WriteStateAsync();
        }

        return Outcome.Ok;
    }

    private bool IsInstructor(string playerId) => playerId == Cohort.CreatorId || Cohort.CoInstructors.Contains(playerId);

    public async Task<Outcome> RemoveMember(string instructorKeyHash, string playerId)
    {
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Outcome(refused);
        }

        if (Cohort.Students.RemoveAll(student => student.PlayerId == playerId) == 0)
        {
            return Outcome.Fail(ErrorCodes.NotAMember, "That player is not a student of this cohort.");
        }

        // A removed student keeps no say over the cohort either.
        _lastSeen.Remove(playerId);
        Cohort.CoInstructors.Remove(playerId);
        await state.WriteStateAsync();
        return Outcome.Ok;
    }

    public async Task<Reply<CompetitionView>> AddCompetition(string instructorKeyHash, string name, PassageChoice[] rounds)
    {
        if ((KeyRefusal(instructorKeyHash) ?? CheckName(name, "A competition")) is { } refused)
        {
            return new Reply<CompetitionView>(null, refused);
        }

        if (rounds.Length == 0)
        {
            return Reply<CompetitionView>.Fail(ErrorCodes.BadRound, "A competition needs at least one round.");
        }

        for (var i = 0; i < rounds.Length; i++)
        {
            if (await guides.Find(rounds[i].GuideId) is not { } guide)
            {
                return Reply<CompetitionView>.Fail(ErrorCodes.BadRound, $"Round {i + 1}: there is no guide '{rounds[i].GuideId}'.");
            }

            if (ParagraphRange.Refusal(guide.Id, guide.Paragraphs.Count, rounds[i].ParagraphIndex) is { } outOfRange)
            {
                return Reply<CompetitionView>.Fail(ErrorCodes.BadRound, $"Round {i + 1}: {outOfRange}");
            }
        }

        var competition = new CompetitionState
        {
            Id = $"c{Cohort.Competitions.Count + 1}",
            Name = name.Trim(),
            Rounds = [.. rounds.Select(choice => new RoundRecord { Choice = choice })],
        };
        Cohort.Competitions.Add(competition);
        await state.WriteStateAsync();
        return Reply<CompetitionView>.Ok(ViewOf(competition));
    }

    public async Task<Reply<RoundView>> StartRound(string instructorKeyHash, string competitionId, int round)
    {
        var roundRefusal = RoundRefusal(competitionId, round, out var competition, out var record);
        if ((KeyRefusal(instructorKeyHash) ?? roundRefusal) is { } refused)
        {
            return new Reply<RoundView>(null, refused);
        }

        if (record!.State == RoundState.Running || Cohort.Competitions.SelectMany(c => c.Rounds).Any(r => r.State == RoundState.Running))
        {
            return Reply<RoundView>.Fail(ErrorCodes.RoundRunning, "A round is running; let it finish or abort it first.");
        }

        if (record.State == RoundState.Done)
        {
            return Reply<RoundView>.Fail(ErrorCodes.BadRound, $"Round {round + 1} is over; its results stand.");
        }

        if (competition!.Ended)
        {
            return Reply<RoundView>.Fail(ErrorCodes.CompetitionEnded, $"The competition '{competition.Name}' has ended; its standings are final.");
        }

        var online = Online();
        if (online.Count == 0)
        {
            return Reply<RoundView>.Fail(ErrorCodes.NobodyOnline, "No student has the cohort page open, so nobody would race.");
        }

        // Every heat starts at the same moment, far enough ahead for the students' pages to take them there.
        var startsAt = clock.GetUtcNow() + options.Value.RoundCountdown;
        var heats = CohortScoring.Heats(online, options.Value.HeatSize);
        var opened = await Task.WhenAll(heats.Select((players, i) => OpenHeat(new HeatRef(Code, competitionId, round, i), players, record.Choice, startsAt)));
        record.Heats = [.. opened.OfType<HeatRecord>()];
        record.Results = [];
        record.State = record.Heats.Count > 0 ? RoundState.Running : RoundState.Pending;
        await state.WriteStateAsync();
        LogRoundStarted(logger, Code, competition!.Id, round + 1, online.Count, record.Heats.Count);
        return record.Heats.Count > 0
            ? Reply<RoundView>.Ok(ViewOf(round, record))
            : Reply<RoundView>.Fail(ErrorCodes.NobodyOnline, "No heat could be opened: none of the online students could be put in a room.");
    }

    public async Task<Reply<RoundView>> AbortRound(string instructorKeyHash, string competitionId, int round)
    {
        var roundRefusal = RoundRefusal(competitionId, round, out _, out var record);
        if ((KeyRefusal(instructorKeyHash) ?? roundRefusal) is { } refused)
        {
            return new Reply<RoundView>(null, refused);
        }

        if (record!.State != RoundState.Running)
        {
            return Reply<RoundView>.Fail(ErrorCodes.BadRound, $"Round {round + 1} is not running.");
        }

        record.State = RoundState.Aborted;
        await state.WriteStateAsync();
        await Task.WhenAll(record.Heats.Select((heat, i) => GrainFactory.GetGrain<IRoomGrain>(heat.RoomCode).AbortHeat(new HeatRef(Code, competitionId, round, i))));
        return Reply<RoundView>.Ok(ViewOf(round, record));
    }

    public async Task<Reply<MarathonView>> OpenMarathon(string instructorKeyHash, string guideId, PassageLength length)
    {
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Reply<MarathonView>(null, refused);
        }

        if (Cohort.Marathon is { Results.Count: > 0 })
        {
            return Reply<MarathonView>.Fail(ErrorCodes.MarathonStarted, "Students have typed steps of the open marathon; it stays.");
        }

        if (await guides.Find(guideId) is not { } guide)
        {
            return Reply<MarathonView>.Fail(ErrorCodes.GuideNotFound, $"There is no guide '{guideId}'.");
        }

        Cohort.Marathon = new MarathonState
        {
            GuideId = guide.Id,
            Length = length,
            Steps = [.. Marathon.Steps(guide, length).Select(step => new MarathonStepView(step.Index, step.FirstParagraphIndex, step.ParagraphCount, step.Section))],
        };
        await state.WriteStateAsync();
        return Reply<MarathonView>.Ok(ViewOf(Cohort.Marathon, studentId: null));
    }

    public async Task<Reply<MarathonStepRoom>> NextStep(string playerId)
    {
        if (MembershipRefusal(playerId) is { } refused)
        {
            return new Reply<MarathonStepRoom>(null, refused);
        }

        if (Cohort.Marathon is not { } marathon)
        {
            return Reply<MarathonStepRoom>.Fail(ErrorCodes.NoMarathon, "This cohort has no marathon open.");
        }

        var done = marathon.Results.Where(r => r.PlayerId == playerId).Select(r => r.Result.Step).ToHashSet();
        if (marathon.Steps.FirstOrDefault(step => !done.Contains(step.Index)) is not { } next)
        {
            return Reply<MarathonStepRoom>.Fail(ErrorCodes.MarathonDone, $"Every one of the {marathon.Steps.Count} steps is typed.");
        }

        _lastSeen[playerId] = clock.GetUtcNow();
        var room = await CreateRoomFor(playerId, new PassageChoice(marathon.GuideId, next.FirstParagraphIndex, marathon.Length));
        if (room is null || !(await GrainFactory.GetGrain<IRoomGrain>(room)
            .StartHeat(new HeatRef(Code, HeatRef.MarathonId, next.Index, 0), clock.GetUtcNow() + options.Value.StepCountdown)).IsOk)
        {
            return Reply<MarathonStepRoom>.Fail(ErrorCodes.RoomUnavailable, "No room could be opened for the step; try again.");
        }

        return Reply<MarathonStepRoom>.Ok(new MarathonStepRoom(next.Index, room));
    }

    public async Task<Reply<CohortGuide>> AddGuide(string instructorKeyHash, ImportedGuide guide)
    {
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Reply<CohortGuide>(null, refused);
        }

        var limit = options.Value.MaxGuides;
        if (Cohort.Guides.Count >= limit)
        {
            return Reply<CohortGuide>.Fail(ErrorCodes.TooManyGuides, $"A cohort may have {limit} guides; this one has.");
        }

        var owned = guide with { OwnerId = Cohort.CreatorId };
        var (id, error) = await FreshCodes.Claim(GuideIds.NewImported, ErrorCodes.GuideExists, async candidate =>
            (await GrainFactory.GetGrain<IGuideGrain>(candidate).Save(owned)).Error);
        if (id is null)
        {
            return Reply<CohortGuide>.Fail(error?.Code ?? ErrorCodes.GuideExists, error?.Message ?? "No free guide id was found; try again.");
        }

        var added = new CohortGuide(id, guide.Title, guide.Paragraphs.Length, clock.GetUtcNow());
        Cohort.Guides.Add(added);
        await state.WriteStateAsync();
        LogGuideAdded(logger, Code, id, guide.Paragraphs.Length);
        return Reply<CohortGuide>.Ok(added);
    }

    public async Task<Reply<CompetitionView>> EndCompetition(string instructorKeyHash, string competitionId)
    {
        var competition = Cohort.Competitions.Find(c => c.Id == competitionId);
        if (KeyRefusal(instructorKeyHash) is { } refused)
        {
            return new Reply<CompetitionView>(null, refused);
        }

        if (competition is null)
        {
            return Reply<CompetitionView>.Fail(ErrorCodes.CompetitionNotFound, $"Cohort {Code} has no competition '{competitionId}'.");
        }

        if (competition.Rounds.Any(r => r.State == RoundState.Running))
        {
            return Reply<CompetitionView>.Fail(ErrorCodes.RoundRunning, "A round of it is running; let it finish or abort it first.");
        }

        competition.Ended = true;
        await state.WriteStateAsync();
        return Reply<CompetitionView>.Ok(ViewOf(competition));
    }

    public async Task HeatFinished(HeatRef heat, RaceCompleted race)
    {
        if (heat.CompetitionId == HeatRef.MarathonId)
        {
            await StepFinished(heat, race);
            await GrainFactory.GetGrain<IRoomGrain>(race.RoomCode).HeatRecorded(heat);
            return;
        }

        // A report of a heat already scored, or of a round aborted since, is answered all the same, so the room stops.
        if (RoundRefusal(heat.CompetitionId, heat.Round, out _, out var record) is null
            && record!.State == RoundState.Running && heat.Heat < record.Heats.Count && record.Heats[heat.Heat].Race is null)
        {
            record.Heats[heat.Heat].Race = race;
            if (record.Heats.All(h => h.Race is not null))
            {
                record.Results = Score(record);
                record.State = RoundState.Done;
            }

            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IRoomGrain>(race.RoomCode).HeatRecorded(heat);
    }

    /// <summary>A step counts once per student: their first finished race of it.</summary>
    private async Task StepFinished(HeatRef heat, RaceCompleted race)
    {
        if (Cohort.Marathon is not { } marathon || heat.Round >= marathon.Steps.Count)
        {
            return;
        }

        foreach (var line in race.Lines.Where(line => !line.IsBot && !line.IsGhost && line.Finished && Student(line.PlayerId) is not null))
        {
            if (!marathon.Results.Exists(r => r.PlayerId == line.PlayerId && r.Result.Step == heat.Round))
            {
                marathon.Results.Add(new StudentStep(line.PlayerId, new StepResult(heat.Round, line.Wpm, line.Accuracy, line.TimeMs, race.EndedAt, line.Paragraphs)));
                await state.WriteStateAsync();
            }
        }
    }

    private MarathonView ViewOf(MarathonState marathon, string? studentId)
    {
        var median = marathon.Steps
            .Select(step => (step.Index, Results: marathon.Results.Where(r => r.Result.Step == step.Index).Select(r => r.Result).ToList()))
            .Where(step => step.Results.Count > 0)
            .Select(step => new StepMedian(step.Index, Marathon.Median(step.Results.Select(r => r.Wpm))!.Value, Marathon.Median(step.Results.Select(r => r.Accuracy))!.Value));
        var students = studentId is null ? Cohort.Students : Cohort.Students.Where(s => s.PlayerId == studentId);
        var progress = students.Select(student =>
        {
            StepResult[] results = [.. marathon.Results.Where(r => r.PlayerId == student.PlayerId).Select(r => r.Result).OrderBy(r => r.Step)];
            return new MarathonProgress(student.PlayerId, student.Name, results.Length, results);
        });
        return new MarathonView(marathon.GuideId, marathon.Length, [.. marathon.Steps], [.. median], [.. progress]);
    }

    private List<RoundResultView> Score(RoundRecord record)
    {
        var raced = record.Heats.SelectMany((heat, i) => heat.Race!.Lines.Where(line => heat.PlayerIds.Contains(line.PlayerId)).Select(line => (Line: line, Heat: i))).ToList();
        var lines = raced.Select(r => new HeatLine(r.Line.PlayerId, r.Heat, r.Line.Finished, r.Line.Position, r.Line.Wpm, r.Line.Accuracy, r.Line.TimeMs));
        // The instructor sees each result's fair-play flags; points stand either way (a flag keeps a result off the boards).
        var flags = raced.ToDictionary(r => r.Line.PlayerId, r => r.Line.Flags, StringComparer.Ordinal);
        return [.. CohortScoring.ScoreRound(lines).Select(line => new RoundResultView(
            line.Place, line.PlayerId, NameOf(line.PlayerId), line.Heat, line.Points, line.Finished, line.Wpm, line.Accuracy, line.TimeMs, flags[line.PlayerId]))];
    }

    /// <summary>A room for one heat, hosted by its first student who can enter it, with the rest in it, started at <paramref name="startsAt"/>.</summary>
    private async Task<HeatRecord?> OpenHeat(HeatRef heat, IReadOnlyList<string> players, PassageChoice choice, DateTimeOffset startsAt)
    {
        string? code = null;
        var entered = new List<string>();
        foreach (var player in players)
        {
            if (code is null)
            {
                code = await CreateRoomFor(player, choice);
                if (code is not null)
                {
                    entered.Add(player);
                }

                continue;
            }

            if ((await GrainFactory.GetGrain<IPlayerGrain>(player).EnterRoom(code, create: null)).IsOk)
            {
                entered.Add(player);
            }
        }

        if (code is null || !(await GrainFactory.GetGrain<IRoomGrain>(code).StartHeat(heat, startsAt)).IsOk)
        {
            return null;
        }

        return new HeatRecord { RoomCode = code, PlayerIds = entered };
    }

    private Task<string?> CreateRoomFor(string player, PassageChoice choice) => RoomOpening.CreateFor(GrainFactory, player, choice);

    private List<string> Online()
    {
        var since = clock.GetUtcNow() - options.Value.OnlineWindow;
        return [.. Cohort.Students.Where(s => _lastSeen.TryGetValue(s.PlayerId, out var seen) && seen >= since).Select(s => s.PlayerId)];
    }

    private CohortView BuildView(string? studentId)
    {
        var online = Online().ToHashSet(StringComparer.Ordinal);
        CohortYou? you = null;
        if (studentId is not null)
        {
            var heat = Cohort.Competitions.SelectMany(c => c.Rounds).Where(r => r.State == RoundState.Running)
                .SelectMany(r => r.Heats).FirstOrDefault(h => h.Race is null && h.PlayerIds.Contains(studentId));
            you = new CohortYou(studentId, heat?.RoomCode);
        }

        return new CohortView(
            Code,
            Cohort.Name,
            options.Value.HeatSize,
            [.. Cohort.Students.Select(s => new CohortMember(s.PlayerId, s.Name, online.Contains(s.PlayerId)))],
            [.. Cohort.Competitions.Select(ViewOf)],
            you,
            Cohort.Marathon is { } marathon ? ViewOf(marathon, studentId) : null,
            Guides: [.. Cohort.Guides]);
    }

    private CompetitionView ViewOf(CompetitionState competition)
    {
        var scored = competition.Rounds.Where(r => r.State == RoundState.Done).Select(r => (IReadOnlyList<ScoredLine>)[.. r.Results.Select(line =>
            new ScoredLine(line.Place, line.PlayerId, line.Heat, line.Points, line.Finished, 0, line.Wpm, line.Accuracy, line.TimeMs))]);
        return new CompetitionView(
            competition.Id,
            competition.Name,
            [.. competition.Rounds.Select((record, i) => ViewOf(i, record))],
            [.. CohortScoring.Standings(scored).Select(s => new StandingView(s.Place, s.PlayerId, NameOf(s.PlayerId), s.Points, s.Rounds, s.TotalWpm, s.MeanAccuracy))],
            competition.Ended);
    }

    private static RoundView ViewOf(int index, RoundRecord record) => new(
        index,
        record.Choice.GuideId,
        record.Choice.ParagraphIndex,
        record.Choice.Length,
        record.State,
        [.. record.Heats.Select(h => new HeatView(h.RoomCode, [.. h.PlayerIds], h.Race is not null))],
        [.. record.Results]);

    public Task<Reply<ClassRun>> ClassRun(string playerId, string firstParagraphId, PassageLength length)
    {
        if ((IsInstructor(playerId) && Cohort.Created ? null : MembershipRefusal(playerId)) is { } refused)
        {
            return Task.FromResult(new Reply<ClassRun>(null, refused));
        }

        // The students' finished, ranked runs of the passage in the cohort's rounds.
        var runs = Cohort.Competitions.SelectMany(c => c.Rounds).SelectMany(r => r.Heats)
            .Select(heat => heat.Race)
            .Where(race => race is not null && race.FirstParagraphId == firstParagraphId && race.Length == length)
            .SelectMany(race => race!.Lines
                .Where(line => !line.IsBot && !line.IsGhost && line.Finished && !FairPlayRules.Unranks(FairPlayFlagNames.Parse(line.Flags)) && Student(line.PlayerId) is not null)
                .Select(line => new ClassRun(race.RaceId, line.PlayerId, line.Wpm, 0)))
            .ToList();
        return Task.FromResult(GhostRuns.MedianRun(runs, run => run.Wpm) is { } median
            ? Reply<ClassRun>.Ok(median with { Runs = runs.Count })
            : Reply<ClassRun>.Fail(ErrorCodes.NoRunYet, "Nobody in this cohort has finished this passage in a round yet."));
    }

    private string NameOf(string playerId) => Student(playerId)?.Name ?? playerId;

    private CohortStudent? Student(string? playerId) => Cohort.Students.Find(s => s.PlayerId == playerId);

    private RaceError? MembershipRefusal(string? playerId) =>
        !Cohort.Created ? new RaceError(ErrorCodes.CohortNotFound, $"There is no cohort {Code}.")
        : Student(playerId) is null ? new RaceError(ErrorCodes.NotAMember, "Join this cohort first; only its students and its instructor see it.")
        : null;

    private RaceError? KeyRefusal(string instructorKeyHash) =>
        !Cohort.Created ? new RaceError(ErrorCodes.CohortNotFound, $"There is no cohort {Code}.")
        : CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(instructorKeyHash), Encoding.ASCII.GetBytes(Cohort.KeyHash)) ? null
        : new RaceError(ErrorCodes.InstructorKeyRequired, "This needs the cohort's instructor key (X-Instructor-Key).");

    private RaceError? RoundRefusal(string competitionId, int round, out CompetitionState? competition, out RoundRecord? record)
    {
        competition = Cohort.Competitions.Find(c => c.Id == competitionId);
        record = null;
        if (competition is null)
        {
            return new RaceError(ErrorCodes.CompetitionNotFound, $"Cohort {Code} has no competition '{competitionId}'.");
        }

        if (round < 0 || round >= competition.Rounds.Count)
        {
            return new RaceError(ErrorCodes.BadRound, $"The competition has rounds 1 to {competition.Rounds.Count}; {round + 1} is not one of them.");
        }

        record = competition.Rounds[round];
        return null;
    }

    private static RaceError? CheckName(string? name, string what) =>
        name?.Trim() is { Length: > 0 and <= 80 } trimmed && !trimmed.Any(char.IsControl)
            ? null
            : new RaceError(ErrorCodes.BadName, $"{what} needs a name of 1 to 80 characters, on one line.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortCode}: {PlayerId} replaced the instructor key.")]
    private static partial void LogKeyRotated(ILogger logger, string cohortCode, string playerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortCode}: guide {GuideId} imported with {Paragraphs} paragraphs.")]
    private static partial void LogGuideAdded(ILogger logger, string cohortCode, string guideId, int paragraphs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortCode} created by {PlayerId}.")]
    private static partial void LogCohortCreated(ILogger logger, string cohortCode, string playerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cohort {CohortCode} competition {CompetitionId} round {Round} started: {Online} students in {Heats} heats.")]
    private static partial void LogRoundStarted(ILogger logger, string cohortCode, string competitionId, int round, int online, int heats);
}
