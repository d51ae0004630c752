using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Races;
using TypingRace.Grains.Rooms.Rules;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// A race room: lobby → countdown → racing → results → next passage. The shell around <see cref="RoomRules"/>:
/// it loads the stored <see cref="RoomState"/>, asks the rules, saves, and publishes. Each racer's keys fold into
/// a <see cref="RacerLog"/> and are appended to the key log store, so a room brought back on another silo folds
/// the same logs into the same positions.
/// </summary>
public sealed partial class RoomGrain(
    [PersistentState("room", StorageNames.Rooms)] IPersistentState<RoomState> state,
    GuideCatalog guides,
    GatewayOutbox outbox,
    RoomCensus census,
    ProgressPacer pacer,
    IKeyLogStore keyLogs,
    IOptions<RoomOptions> options,
    TimeProvider clock,
    ILogger<RoomGrain> logger)
    : Grain, IRoomGrain
{
    private readonly RoomRules _rules = new(options.Value);
    private readonly RoomOptions _options = options.Value;

    // The current race as it is typed; folded again from the key logs after a failover.
    private readonly RaceTrack _track = new();
    private RoomAudience _audience = null!;
    private RoomSaver _saver = null!;
    private ResultHandOff _results = null!;
    private ReplayCheck _replays = null!;

    private Guide _guide = null!;
    private Passage _passage = null!;
    private readonly ProgressNews _news = new();

    // When the last progress frame went out: the first key after a quiet spell goes at once, the rest of a busy
    // spell waits for the next tick (leading-edge coalescing), so quiet rooms are fast and busy ones batch. The
    // window, and the race timer's period with it, follows how busy the silo is (ProgressPacer).
    private DateTimeOffset _lastFrameAt;
    private IGrainTimer? _raceTimer;
    private TimeSpan _window;

    private RoomState Room => state.State;

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _audience = new RoomAudience(Code, outbox, clock, _options, logger);
        _saver = new RoomSaver(state, keyLogs, clock, logger, DeactivateOnIdle);
        _results = new ResultHandOff(Code, GrainFactory, clock, _options, logger);
        _replays = new ReplayCheck(Code, GrainFactory, logger);
        var period = HousekeepingPeriod(_options);
        this.RegisterGrainTimer(Housekeep, new GrainTimerCreationOptions(period, period));
        // Interleaved, so a slow store delays only the next write, never anyone's keys.
        this.RegisterGrainTimer(_saver.Save, new GrainTimerCreationOptions(_options.SaveInterval, _options.SaveInterval) { Interleave = true });
        if (!Room.Created)
        {
            return;
        }

        // A stored room names a guide that exists: shipped guides are the same on every silo, imported ones never go.
        UsePassage(await guides.Find(Room.Choice.GuideId)
            ?? throw new InvalidOperationException($"Room {Code} races the guide '{Room.Choice.GuideId}', which is not to be found."), Room.Choice);
        foreach (var gateway in Room.Gateways)
        {
            _audience.Subscribe(gateway);
        }

        if (Room.Phase is RoomPhase.Countdown or RoomPhase.Racing)
        {
            await Resume(cancellationToken);
        }
        else if (Room is { Phase: RoomPhase.Results, LastRace: { } race, Results: { } results })
        {
            // The silo went while results were being recorded: hand on those with no standing yet. A player who had
            // it already answers without a standing and keeps one entry.
            var waiting = results.Where(line => line.Standing is null).Select(line => line.PlayerId).ToHashSet();
            await _results.Record(race, line => waiting.Contains(line.PlayerId));
        }

        census.Seen(Code, Room.Phase);
        _audience.Publish(BuildView());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        census.Gone(Code);
        // A silo that shuts down cleanly hands its rooms over with nothing unsaved.
        if (Room.Created)
        {
            await _saver.Save(cancellationToken);
        }
    }

    public async Task<Reply<RoomView>> Create(PlayerCard host, PassageChoice choice)
    {
        if (Room.Created)
        {
            return Reply<RoomView>.Fail(ErrorCodes.RoomExists, $"A room with the code {Code} already exists.");
        }

        var (guide, error) = await FindPassage(choice);
        if (error is not null)
        {
            return new Reply<RoomView>(null, error);
        }

        Room.Created = true;
        Room.Phase = RoomPhase.Lobby;
        Room.HostId = host.PlayerId;
        Room.Choice = choice;
        UsePassage(guide!, choice);
        var (member, _, _) = _rules.Join(Room, Code, host, clock.GetUtcNow());
        // The room exists once this returns, so its first record is written now, not on the next save.
        await _saver.SaveNow();
        LogRoomCreated(logger, Code, _guide.Id, _passage.FirstParagraphIndex);
        return Reply<RoomView>.Ok(BuildView(member));
    }

    public Task<Reply<RoomView>> Join(PlayerCard player)
    {
        var (member, _, error) = _rules.Join(Room, Code, player, clock.GetUtcNow());
        if (error is not null)
        {
            return Task.FromResult(new Reply<RoomView>(null, error));
        }

        Changed();
        return Task.FromResult(Reply<RoomView>.Ok(BuildView(member)));
    }

    public async Task<Outcome> Leave(string playerId)
    {
        if (RoomRules.Find(Room, playerId) is not { } member)
        {
            return new Outcome(RoomRules.NotAMember(Room));
        }

        await Remove(member, tellPlayer: false);
        return Outcome.Ok;
    }

    public Task SetConnected(string playerId, bool connected)
    {
        if (RoomRules.Find(Room, playerId) is { } member && member.Connected != connected)
        {
            member.Connected = connected;
            member.DisconnectedAt = connected ? null : clock.GetUtcNow();
            Changed();
        }

        return Task.CompletedTask;
    }

    public Task<Outcome> SetReady(string playerId, bool ready)
    {
        if (RoomRules.Find(Room, playerId) is not { } member)
        {
            return Task.FromResult(new Outcome(RoomRules.NotAMember(Room)));
        }

        member.Ready = ready;
        Changed();
        return Task.FromResult(Outcome.Ok);
    }

    public async Task<Outcome> ChoosePassage(string playerId, PassageChoice choice)
    {
        if ((RoomRules.HostCheck(Room, playerId) ?? RoomRules.RaceCheck(Room)) is { } refused)
        {
            return new Outcome(refused);
        }

        var (guide, error) = await FindPassage(choice);
        if (error is not null)
        {
            return new Outcome(error);
        }

        Room.Choice = choice;
        UsePassage(guide!, choice);
        BackToLobby();
        return Outcome.Ok;
    }

    public Task<Outcome> NextPassage(string playerId)
    {
        if ((RoomRules.HostCheck(Room, playerId) ?? RoomRules.RaceCheck(Room)) is { } error)
        {
            return Task.FromResult(new Outcome(error));
        }

        Room.Choice = Room.Choice with { ParagraphIndex = _passage.FollowingParagraphIndex(_guide) };
        UsePassage(_guide, Room.Choice);
        BackToLobby();
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> Start(string playerId) =>
        Task.FromResult(BeginRace(_rules.Start(Room, playerId, clock.GetUtcNow(), NewRaceId(), NewSeed)));

    public Task<Outcome> StartHeat(HeatRef heat, DateTimeOffset startsAt)
    {
        var outcome = BeginRace(_rules.StartAt(Room, startsAt, NewRaceId(), NewSeed));
        if (outcome.IsOk)
        {
            Room.Heat = heat;
            _saver.Dirty();
        }

        return Task.FromResult(outcome);
    }

    public async Task AbortHeat(HeatRef heat)
    {
        // The race ends now; the cohort, which aborted the round, scores none of it.
        if (Room.Heat == heat && Room.Phase is RoomPhase.Countdown or RoomPhase.Racing)
        {
            Room.Heat = null;
            await EndRace();
        }
    }

    private static int NewSeed() => RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>Seats the racers and runs the clock of a race the rules have just started, or says why they did not.</summary>
    private Outcome BeginRace(RaceError? refused)
    {
        if (refused is not null)
        {
            return new Outcome(refused);
        }

        Room.Heat = null;
        _track.Clear();
        _saver.NewRace(Room.RaceId);
        foreach (var racer in RoomRules.Racers(Room))
        {
            SeatRacer(racer, []);
        }

        StartRaceTimer();
        LogRaceStarting(logger, Code, Room.RaceNumber, Room.RaceId, _track.Count);
        Changed();
        return Outcome.Ok;
    }

    public Task<Outcome> AddGhosts(string hostId, GhostRun[] ghosts)
    {
        var (seated, error) = _rules.AddGhosts(Room, Code, hostId, ghosts, _passage.FirstParagraphId, () => Guid.NewGuid().ToString("N"), clock.GetUtcNow());
        if (error is not null)
        {
            return Task.FromResult(new Outcome(error));
        }

        LogGhostsSeated(logger, Code, seated.Count);
        Changed();
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> AddBot(string hostId, double wpm)
    {
        var (_, error) = _rules.AddBot(Room, Code, hostId, wpm, Guid.NewGuid().ToString("N"), clock.GetUtcNow());
        if (error is not null)
        {
            return Task.FromResult(new Outcome(error));
        }

        Changed();
        return Task.FromResult(Outcome.Ok);
    }

    public async Task<Outcome> Kick(string hostId, string targetId)
    {
        if (RoomRules.HostCheck(Room, hostId) is { } error)
        {
            return new Outcome(error);
        }

        if (RoomRules.Find(Room, targetId) is not { } target)
        {
            return Outcome.Fail(ErrorCodes.MemberNotFound, $"Nobody with the id {targetId} is in the room {Code}.");
        }

        if (targetId == hostId)
        {
            return Outcome.Fail(ErrorCodes.CannotKickSelf, "The host cannot kick themselves; leave the room instead, and the next member becomes host.");
        }

        await Remove(target, tellPlayer: true);
        return Outcome.Ok;
    }

    public async Task<Reply<KeyAck>> SubmitKeys(string playerId, KeyBatch batch)
    {
        if ((RacingRefusal(playerId, out var member, out var log) ?? KeyBatchRules.Check(batch, _options)) is { } refusal)
        {
            return new Reply<KeyAck>(null, refusal);
        }

        if (KeyBatchRules.Sequence(batch.Seq, log.LastSeq) is { } misnumbered)
        {
            return new Reply<KeyAck>(null, misnumbered);
        }

        var now = clock.GetUtcNow();
        var flags = batch.Resent ? LoggedKeyFlags.Resent : LoggedKeyFlags.None;
        foreach (var key in batch.Keys)
        {
            log.Add(new LoggedKey(batch.Seq, KeyBatchRules.Typeable(key.K), key.T, now.ToUnixTimeMilliseconds(), flags));
        }

        member.LastActivityAt = RoomRules.Clock(Room).RaceTime(now);
        _news.KeysArrived(RelayTiming.ArrivedAt());
        if (now - _lastFrameAt >= _window)
        {
            PublishFrame(now);
        }
        var session = log.Session;
        if (session.Finished && !Room.Finishers.Contains(playerId))
        {
            Room.Finishers.Add(playerId);
            _saver.Dirty();
            LogRacerFinished(logger, Code, Room.RaceId, playerId, session.Wpm, session.Accuracy);
        }

        var ack = new KeyAck(batch.Seq, session.Position, session.ErrorRunLength, session.Finished, session.Wpm, session.LiveAccuracy, _saver.StoredSeq(playerId));
        if (session.Finished && RoomRules.EveryoneDone(Room, _track.StillTyping))
        {
            await EndRace();
        }

        return Reply<KeyAck>.Ok(ack);
    }

    public Task<Reply<HintReply>> RequestHint(string playerId)
    {
        if (RacingRefusal(playerId, out var member, out var log) is { } refusal)
        {
            return Task.FromResult(new Reply<HintReply>(null, refusal));
        }

        var now = clock.GetUtcNow();
        var word = log.RevealHint(now.ToUnixTimeMilliseconds());
        member.LastActivityAt = RoomRules.Clock(Room).RaceTime(now);
        return Task.FromResult(Reply<HintReply>.Ok(new HintReply(word, log.Session.Hints)));
    }

    public async Task ShowStanding(string raceId, string playerId, ResultStanding? standing)
    {
        if (standing is not null && Room.Phase == RoomPhase.Results && raceId == Room.RaceId && Room.Results is { } results
            && results.Any(line => line.PlayerId == playerId))
        {
            Room.Results = [.. results.Select(line => line.PlayerId == playerId ? line with { Standing = standing } : line)];
            Changed();
        }

        await _results.Recorded(leaderboardsDown: standing?.Queued == true);
    }

    public Task RaceFiled(string raceId)
    {
        if (Room.Unfiled?.RaceId == raceId)
        {
            Room.Unfiled = null;
            _saver.Dirty();
        }

        return Task.CompletedTask;
    }

    public Task<RoomView?> GetView() => Task.FromResult(Room.Created ? BuildView() : null);

    public Task Subscribe(IRoomObserver observer)
    {
        if (_audience.Subscribe(observer) && Room.Created)
        {
            // Its subscription had lapsed or a push to it failed: whatever it missed, its racers get the room as it is now.
            _audience.Resend(observer, BuildView());
        }

        if (!Room.Gateways.Contains(observer))
        {
            Room.Gateways.Add(observer);
            _saver.Dirty();
        }

        return Task.CompletedTask;
    }

    public Task Unsubscribe(IRoomObserver observer)
    {
        _audience.Unsubscribe(observer);
        if (Room.Gateways.Remove(observer))
        {
            _saver.Dirty();
        }

        return Task.CompletedTask;
    }

    public Task<int> GetSubscriberCount() => Task.FromResult(_audience.Count);

    /// <summary>Why <paramref name="playerId"/> may not type now, or null with their member record and race log.</summary>
    private RaceError? RacingRefusal(string playerId, out MemberState member, out RacerLog log)
    {
        var found = RoomRules.Find(Room, playerId);
        var racing = found is null ? null : _track.Log(playerId);
        member = found!;
        log = racing!;
        return RoomRules.RacingRefusal(Room, found, racing?.Session.Finished == true);
    }

    /// <summary>128 random bits: a replay link carries it, so nobody may guess another race's.</summary>
    private static string NewRaceId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Something the members see changed: save it and show it.</summary>
    private void Changed()
    {
        census.Seen(Code, Room.Phase);
        _saver.Dirty();
        _audience.Publish(BuildView());
    }

    private async Task<(Guide? Guide, RaceError? Error)> FindPassage(PassageChoice choice)
    {
        if (await guides.Find(choice.GuideId) is not { } guide)
        {
            return (null, new RaceError(ErrorCodes.GuideNotFound, $"There is no guide '{choice.GuideId}'."));
        }

        return ParagraphRange.Refusal(guide.Id, guide.Paragraphs.Count, choice.ParagraphIndex) is { } outOfRange
            ? (null, new RaceError(ErrorCodes.ParagraphOutOfRange, outOfRange))
            : (guide, null);
    }

    private void UsePassage(Guide guide, PassageChoice choice)
    {
        _guide = guide;
        _passage = PassageBuilder.Build(guide, choice.ParagraphIndex, choice.Length);
    }

    private void SeatRacer(MemberState racer, IReadOnlyList<LoggedKey> stored)
    {
        var log = _track.Seat(racer, _passage, _options.TypingRules, RoomRules.Clock(Room), stored, Schedule(racer));
        _saver.Track(racer.PlayerId, log, stored.Count);
    }

    /// <summary>What a bot types (its typist, from its seed) or a ghost (its stored run); null for a person.</summary>
    private IEnumerable<ScheduledKey>? Schedule(MemberState racer) =>
        racer.Ghost is { } ghost ? GhostRuns.Decode(ghost.Keys)
        : racer.IsBot && _rules.BotStyleOf(racer) is { } style ? new BotTypist(_passage, style, new Random(racer.BotSeed)).Schedule()
        : null;

    /// <summary>
    /// Picks up a race this room was running when its silo went away: folds each racer's stored keys again, and takes
    /// the time since the last stored write off the race clock, so the outage costs nobody speed or time.
    /// </summary>
    private async Task Resume(CancellationToken cancellationToken)
    {
        var racers = RoomRules.Racers(Room).ToList();
        var stored = await keyLogs.Read(Room.RaceId, racers.Select(r => r.PlayerId), cancellationToken);
        var logs = racers.ToDictionary(r => r.PlayerId, r => stored.TryGetValue(r.PlayerId, out var bytes) ? KeyLogCodec.Decode(bytes) : []);
        var lastStored = logs.Values.SelectMany(keys => keys).Select(key => DateTimeOffset.FromUnixTimeMilliseconds(key.ServerMs))
            .Append(Room.SavedAt).Max();
        var outage = RoomRules.ResumeAfterOutage(Room, lastStored, clock.GetUtcNow());
        _track.Clear();
        _saver.NewRace(Room.RaceId);
        foreach (var racer in racers)
        {
            SeatRacer(racer, logs[racer.PlayerId]);
            if (logs[racer.PlayerId] is [.., var last])
            {
                RoomRules.TypedAt(Room, racer, DateTimeOffset.FromUnixTimeMilliseconds(last.ServerMs));
            }
        }

        _saver.Dirty();
        StartRaceTimer();
        LogRaceResumed(logger, Code, Room.RaceNumber, Room.RaceId, logs.Values.Sum(keys => keys.Count), outage);

        // Everyone had finished, but the room was written down before it ended the race (a silo stopping mid-way):
        // end it now, so the results go out (idempotently, by race id) instead of waiting for the time limit.
        if (racers.Count > 0 && RoomRules.EveryoneDone(Room, _track.StillTyping))
        {
            await EndRace();
        }
    }

    private void PublishFrame(DateTimeOffset now)
    {
        _audience.Publish(_track.Frame(Code, Room.RaceNumber, now, RoomRules.Racers(Room), _saver.StoredSeq), _news.Take());
        _lastFrameAt = now;
    }

    private void StartRaceTimer()
    {
        _raceTimer?.Dispose();
        _window = pacer.Window;
        _raceTimer = this.RegisterGrainTimer(TickRace, new GrainTimerCreationOptions(_window, _window));
    }

    /// <summary>Follows the silo's progress window: on a tick, so a room re-arms its timer at most once per tick.</summary>
    private void Pace()
    {
        var window = pacer.Window;
        if (window != _window)
        {
            _window = window;
            _raceTimer?.Change(window, window);
        }
    }

    /// <summary>The room moved to another passage: back to the lobby, without the last passage's ghosts.</summary>
    private void BackToLobby()
    {
        RoomRules.DropGhosts(Room);
        RoomRules.BackToLobby(Room);
        _track.Clear();
        Changed();
    }

    private async Task Remove(MemberState member, bool tellPlayer)
    {
        RoomRules.Remove(Room, member);
        _track.StopBot(member.PlayerId);
        if (tellPlayer && member.IsPerson)
        {
            // One-way: the player grain notes it on its own turn, and this room never waits on a player's storage.
            await GrainFactory.GetGrain<IPlayerGrain>(member.PlayerId).LeftRoom(Code);
        }

        if (RoomRules.EveryoneDone(Room, _track.StillTyping))
        {
            await EndRace();
            return;
        }

        Changed();
    }

    private async Task TickRace(CancellationToken cancellationToken)
    {
        Pace();
        var now = clock.GetUtcNow();
        if (RoomRules.CountdownOver(Room, now))
        {
            Room.Phase = RoomPhase.Racing;
            Changed();
        }

        if (Room.Phase != RoomPhase.Racing)
        {
            return;
        }

        if (RoomRules.TimeUp(Room, now))
        {
            await EndRace();
            return;
        }

        if (!await DriveBots(now))
        {
            return;
        }

        var idle = _rules.TakeIdleRacers(Room, now, _track.StillTyping);
        foreach (var racer in idle)
        {
            LogRacerIdle(logger, Code, racer.PlayerId);
        }

        if (idle.Count > 0)
        {
            _news.Moved();
            if (RoomRules.EveryoneDone(Room, _track.StillTyping))
            {
                await EndRace();
                return;
            }

            Changed();
        }

        if (_news.Any)
        {
            PublishFrame(now);
        }
    }

    /// <summary>
    /// Submits each bot's due keys through <see cref="SubmitKeys"/>, the method and the checks a client's keys go
    /// through. False when that ended the race.
    /// </summary>
    private async Task<bool> DriveBots(DateTimeOffset now)
    {
        foreach (var (botId, driver) in _track.Bots())
        {
            while (_track.IsTyping(botId) && driver.Due(now, _options.MaxKeysPerBatch) is { } batch)
            {
                var reply = await SubmitKeys(botId, batch);
                if (Room.Phase != RoomPhase.Racing)
                {
                    return false;
                }

                if (reply.Error is { } refusal)
                {
                    LogBotRefused(logger, Code, botId, refusal.Code, refusal.Message);
                    _track.StopBot(botId);
                }
            }
        }

        return true;
    }

    private async Task EndRace()
    {
        var now = clock.GetUtcNow();
        _raceTimer?.Dispose();
        _raceTimer = null;
        _track.StopBots();
        PublishFrame(now);

        // Judged before anything changes: the record written meanwhile is still the race, never results without one.
        var results = await _replays.Flag(
            RaceResults.Build(_track.Placed(RoomRules.Racers(Room)), Room.Finishers, Room.RaceStartsAt),
            Room.RaceId, _passage, _options.TypingRules, RoomRules.Clock(Room), playerId => _track.Log(playerId)?.Keys);
        Room.Phase = RoomPhase.Results;
        Room.Results = results;
        Room.Tally = RoomTallies.After(Room.Tally, Room.RaceNumber, results);
        var race = Room.Unfiled = Room.LastRace = new RaceCompleted(
            Room.RaceId, Code, _guide.Id, _passage.FirstParagraphIndex, _passage.FirstParagraphId, _passage.Length,
            _passage.CharacterCount, Room.RaceStartsAt, now, Room.Results, keyLogs.LogName(Room.RaceId), Room.Heat?.CohortCode,
            [.. Room.Pauses.Select(pause => new RacePause(pause.From, pause.Length))],
            _track.Placed(RoomRules.Racers(Room)).ToDictionary(racer => racer.Member.PlayerId, racer => racer.Log.Keys.Count),
            RaceResults.KeyTallies(_track.Placed(RoomRules.Racers(Room))));
        Changed();
        LogRaceEnded(logger, Code, Room.RaceNumber, Room.RaceId, Room.Results.Length);
        await _results.File(race);
        await _results.Record(race);
        await ReportHeat();
    }

    /// <summary>
    /// A heat's race goes to its cohort, one-way so that neither waits on the other, and again on each housekeeping
    /// tick until the cohort says it has it (<see cref="HeatRecorded"/>): a report lost with a silo is sent again.
    /// </summary>
    private Task ReportHeat() =>
        Room is { Heat: { } heat, Phase: RoomPhase.Results, LastRace: { } race }
            ? GrainFactory.GetGrain<ICohortGrain>(heat.CohortCode).HeatFinished(heat, race)
            : Task.CompletedTask;

    public Task<HeatProgress?> GetProgress() =>
        Task.FromResult(Room.Created && Room.Phase != RoomPhase.Lobby
            ? new HeatProgress(Room.Phase, _passage.CharacterCount, _track.Frame(Code, Room.RaceNumber, clock.GetUtcNow(), RoomRules.Racers(Room), _saver.StoredSeq).Racers)
            : null);

    public Task HeatRecorded(HeatRef heat)
    {
        if (Room.Heat == heat)
        {
            Room.Heat = null;
            _saver.Dirty();
        }

        return Task.CompletedTask;
    }

    private async Task Housekeep(CancellationToken cancellationToken)
    {
        foreach (var lapsed in _audience.DropExpired())
        {
            Room.Gateways.Remove(lapsed);
            _saver.Dirty();
        }

        if (!Room.Created)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await _results.Retry(Room.Unfiled);
        await ReportHeat();
        foreach (var gone in _rules.GoneTooLong(Room, now))
        {
            await Remove(gone, tellPlayer: true);
        }

        if (_rules.Expired(Room, now))
        {
            await Expire();
        }
    }

    private async Task Expire()
    {
        LogRoomExpired(logger, Code);
        foreach (var member in Room.Members.Where(m => m.IsPerson))
        {
            await GrainFactory.GetGrain<IPlayerGrain>(member.PlayerId).LeftRoom(Code);
        }

        _raceTimer?.Dispose();
        if (Room.Unfiled is null)
        {
            await state.ClearStateAsync();
        }
        else
        {
            // The race is not filed yet: the record stays, and the next activation files it.
            Room.Members.Clear();
            await _saver.SaveNow();
        }

        DeactivateOnIdle();
    }

    private static TimeSpan HousekeepingPeriod(RoomOptions options)
    {
        var shortest = new[] { options.IdleLimit, options.DisconnectGrace, options.EmptyRoomExpiry, options.ObserverExpiry }.Min();
        var quarter = shortest / 4;
        return quarter < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50)
            : quarter > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1)
            : quarter;
    }

    private RoomView BuildView(MemberState? you = null) =>
        RoomViews.Build(Code, Room, _guide, _passage, _options.TypingRules, _track, you is null ? 0 : _saver.StoredSeq(you.PlayerId), clock.GetUtcNow(), you);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode}: {Ghosts} ghosts seated.")]
    private static partial void LogGhostsSeated(ILogger logger, string roomCode, int ghosts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode} created on guide {GuideId} at paragraph {ParagraphIndex}.")]
    private static partial void LogRoomCreated(ILogger logger, string roomCode, string guideId, int paragraphIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode} race {RaceNumber} ({RaceId}) counting down with {Racers} racers.")]
    private static partial void LogRaceStarting(ILogger logger, string roomCode, int raceNumber, string raceId, int racers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomCode} race {RaceNumber} ({RaceId}) resumed from {Keys} stored keys after an outage of {Outage}.")]
    private static partial void LogRaceResumed(ILogger logger, string roomCode, int raceNumber, string raceId, int keys, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode} race {RaceNumber} ({RaceId}) ended with {Racers} racers placed.")]
    private static partial void LogRaceEnded(ILogger logger, string roomCode, int raceNumber, string raceId, int racers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomCode}: bot {PlayerId} stops typing, its keys were refused: {ErrorCode} {ErrorMessage}")]
    private static partial void LogBotRefused(ILogger logger, string roomCode, string playerId, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode} race {RaceId}: {PlayerId} finished at {Wpm:F1} WPM, accuracy {Accuracy:P1}.")]
    private static partial void LogRacerFinished(ILogger logger, string roomCode, string raceId, string playerId, double wpm, double accuracy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode}: racer {PlayerId} was idle and now spectates.")]
    private static partial void LogRacerIdle(ILogger logger, string roomCode, string playerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {RoomCode} expired with nobody connected.")]
    private static partial void LogRoomExpired(ILogger logger, string roomCode);
}
