using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Guides;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// A race room: lobby → countdown → racing → results → next passage. The room is the only judge of the race;
/// it scores keys with the engine and pushes coalesced progress to the gateways subscribed to it.
/// Its state lives in memory: a room is a short-lived gathering, and it expires when everyone has left.
/// </summary>
public sealed partial class RoomGrain : Grain, IRoomGrain
{
    /// <summary>Far beyond a player grain's slowest recording: a leaderboard write and a state write, both timed out.</summary>
    private static readonly TimeSpan RecordingStallLimit = TimeSpan.FromSeconds(30);

    private readonly GuideCatalog _guides;
    private readonly RoomOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<RoomGrain> _logger;
    private readonly RoomAudience _audience;
    private readonly List<RoomMember> _members = [];
    private readonly RecordingLine _recordingLine = new(RecordingStallLimit);

    private bool _created;
    private RoomPhase _phase;
    private string _hostId = "";
    private Guide _guide = null!;
    private Passage _passage = null!;
    private int _raceNumber;
    private long _joinCounter;
    private DateTimeOffset _raceStartsAt;
    private DateTimeOffset _raceEndsAt;
    private ResultLine[]? _results;
    private bool _progressChanged;
    private DateTimeOffset? _emptySince;
    private IGrainTimer? _raceTimer;

    public RoomGrain(GuideCatalog guides, GatewayOutbox outbox, IOptions<RoomOptions> options, TimeProvider clock, ILogger<RoomGrain> logger)
    {
        _guides = guides;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _audience = new RoomAudience(outbox, clock, _options, logger);
    }

    private string Code => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = HousekeepingPeriod(_options);
        this.RegisterGrainTimer(Housekeep, new GrainTimerCreationOptions(period, period));
        return Task.CompletedTask;
    }

    public async Task<Reply<RoomView>> Create(PlayerCard host, PassageChoice choice)
    {
        if (_created)
        {
            return Reply<RoomView>.Fail(ErrorCodes.RoomExists, $"A room with the code {Code} already exists.");
        }

        if (UsePassage(choice) is { } error)
        {
            return new Reply<RoomView>(null, error);
        }

        _created = true;
        _phase = RoomPhase.Lobby;
        _hostId = host.PlayerId;
        LogRoomCreated(_logger, Code, _guide.Id, _passage.FirstParagraphIndex);
        return await Join(host);
    }

    public async Task<Reply<RoomView>> Join(PlayerCard player)
    {
        if (!_created)
        {
            return Reply<RoomView>.Fail(ErrorCodes.RoomNotFound, $"No room has the code {Code}.");
        }

        var member = Find(player.PlayerId);
        if (member is null)
        {
            if (RoomFull() is { } full)
            {
                return new Reply<RoomView>(null, full);
            }

            member = new RoomMember(player, ++_joinCounter)
            {
                Role = _phase is RoomPhase.Countdown or RoomPhase.Racing ? MemberRole.Spectator : MemberRole.Racer,
                LastActivityAt = _clock.GetUtcNow(),
            };
            _members.Add(member);
            await (PlayerGrain(member)?.SetRoom(Code) ?? Task.CompletedTask);
        }
        else
        {
            member.Connected = true;
            member.DisconnectedAt = null;
        }

        _emptySince = null;
        _audience.Publish(BuildView());
        return Reply<RoomView>.Ok(BuildView(member));
    }

    public async Task<Outcome> Leave(string playerId)
    {
        if (Find(playerId) is not { } member)
        {
            return NotInRoom();
        }

        await Remove(member);
        return Outcome.Ok;
    }

    public Task SetConnected(string playerId, bool connected)
    {
        if (Find(playerId) is { } member && member.Connected != connected)
        {
            member.Connected = connected;
            member.DisconnectedAt = connected ? null : _clock.GetUtcNow();
            _audience.Publish(BuildView());
        }

        return Task.CompletedTask;
    }

    public Task<Outcome> SetReady(string playerId, bool ready)
    {
        if (Find(playerId) is not { } member)
        {
            return Task.FromResult(NotInRoom());
        }

        member.Ready = ready;
        _audience.Publish(BuildView());
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> ChoosePassage(string playerId, PassageChoice choice)
    {
        if ((HostCheck(playerId) ?? RaceCheck() ?? UsePassage(choice)) is { } error)
        {
            return Task.FromResult(new Outcome(error));
        }

        BackToLobby();
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> NextPassage(string playerId)
    {
        if ((HostCheck(playerId) ?? RaceCheck()) is { } error)
        {
            return Task.FromResult(new Outcome(error));
        }

        _passage = PassageBuilder.Build(_guide, _passage.FollowingParagraphIndex(_guide), _passage.Length);
        BackToLobby();
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> Start(string playerId)
    {
        if ((HostCheck(playerId) ?? RaceCheck()) is { } error)
        {
            return Task.FromResult(new Outcome(error));
        }

        var now = _clock.GetUtcNow();
        _raceNumber++;
        _raceStartsAt = now + _options.Countdown;
        _raceEndsAt = _raceStartsAt + _options.RaceTimeLimit;
        _results = null;
        _phase = RoomPhase.Countdown;
        foreach (var member in _members)
        {
            // Whoever watched the last race, or joined during it, races in this one if they are here.
            member.Role = member.Connected ? MemberRole.Racer : MemberRole.Spectator;
            member.Session = member.Role == MemberRole.Racer ? new TypingSession(_passage, _options.TypingRules, _raceStartsAt) : null;
            member.LastSeq = 0;
            member.LastActivityAt = _raceStartsAt;
            member.Driver = member is { Session: not null, BotStyle: { } style }
                ? new BotDriver(new BotTypist(_passage, style, new Random()), _raceStartsAt)
                : null;
        }

        _raceTimer?.Dispose();
        _raceTimer = this.RegisterGrainTimer(TickRace, new GrainTimerCreationOptions(_options.ProgressInterval, _options.ProgressInterval));
        LogRaceStarting(_logger, Code, _raceNumber, _members.Count(m => m.Session is not null));
        _audience.Publish(BuildView());
        return Task.FromResult(Outcome.Ok);
    }

    public Task<Outcome> AddBot(string hostId, double wpm)
    {
        if ((HostCheck(hostId) ?? RaceCheck()) is { } error)
        {
            return Task.FromResult(new Outcome(error));
        }

        if (!BotStyle.TryCreate(wpm, _options.BotErrorRate, out var style, out var problem))
        {
            return Task.FromResult(Outcome.Fail(ErrorCodes.BadBot, problem));
        }

        if (RoomFull() is { } full)
        {
            return Task.FromResult(new Outcome(full));
        }

        var card = new PlayerCard(Guid.NewGuid().ToString("N"), $"Bot {wpm:0}", IsBot: true);
        _members.Add(new RoomMember(card, ++_joinCounter, style) { Ready = true, LastActivityAt = _clock.GetUtcNow() });
        _audience.Publish(BuildView());
        return Task.FromResult(Outcome.Ok);
    }

    public async Task<Outcome> Kick(string hostId, string targetId)
    {
        if (HostCheck(hostId) is { } error)
        {
            return new Outcome(error);
        }

        if (Find(targetId) is not { } target)
        {
            return Outcome.Fail(ErrorCodes.MemberNotFound, $"Nobody with the id {targetId} is in the room {Code}.");
        }

        await Remove(target);
        return Outcome.Ok;
    }

    public async Task<Reply<KeyAck>> SubmitKeys(string playerId, KeyBatch batch)
    {
        if (RacingSession(playerId, out var member) is { } refusal)
        {
            return new Reply<KeyAck>(null, refusal);
        }

        if (KeyBatchRules.Check(batch, _options) is { } malformed)
        {
            return new Reply<KeyAck>(null, malformed);
        }

        if (batch.Seq == member.LastSeq)
        {
            return Reply<KeyAck>.Fail(ErrorCodes.DuplicateBatch, $"Batch {batch.Seq} was already accepted.");
        }

        if (batch.Seq != member.LastSeq + 1)
        {
            return Reply<KeyAck>.Fail(ErrorCodes.OutOfOrder, $"Expected batch {member.LastSeq + 1}, got {batch.Seq}.");
        }

        var session = member.Session!;
        var now = _clock.GetUtcNow();
        foreach (var key in batch.Keys)
        {
            session.Apply(new Keystroke(KeyBatchRules.Typeable(key.K), key.T), now);
        }

        member.LastSeq = batch.Seq;
        member.LastActivityAt = now;
        _progressChanged = true;
        var ack = new KeyAck(batch.Seq, session.Position, session.ErrorRunLength, session.Finished, session.Wpm, session.Accuracy);
        if (session.Finished && Racers().All(racer => racer.Session!.Finished))
        {
            await EndRace();
        }

        return Reply<KeyAck>.Ok(ack);
    }

    public Task<Reply<HintReply>> RequestHint(string playerId)
    {
        if (RacingSession(playerId, out var member) is { } refusal)
        {
            return Task.FromResult(new Reply<HintReply>(null, refusal));
        }

        var session = member.Session!;
        var word = session.RevealHint();
        member.LastActivityAt = _clock.GetUtcNow();
        return Task.FromResult(Reply<HintReply>.Ok(new HintReply(word, session.Hints)));
    }

    public async Task ShowStanding(string raceId, string playerId, ResultStanding? standing)
    {
        if (standing is not null && _phase == RoomPhase.Results && raceId == RaceId && _results!.Any(line => line.PlayerId == playerId))
        {
            _results = [.. _results!.Select(line => line.PlayerId == playerId ? line with { Standing = standing } : line)];
            _audience.Publish(BuildView());
        }

        await Send(_recordingLine.Recorded(leaderboardsDown: standing?.Queued == true, _clock.GetUtcNow()));
    }

    public Task<RoomView?> GetView() => Task.FromResult(_created ? BuildView() : null);

    public Task Subscribe(IRoomObserver observer)
    {
        _audience.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IRoomObserver observer)
    {
        _audience.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<int> GetSubscriberCount() => Task.FromResult(_audience.Count);

    /// <summary>Names one race of this room for good: race numbers restart when the room is made again.</summary>
    private string RaceId => $"{Code}-{_raceNumber}-{_raceStartsAt.ToUnixTimeMilliseconds()}";

    private bool GuideFinished => _passage.EndsGuide(_guide);

    private RoomMember? Find(string playerId) => _members.Find(member => member.PlayerId == playerId);

    private IEnumerable<RoomMember> Racers() => _members.Where(member => member.Session is not null);

    private IPlayerGrain? PlayerGrain(RoomMember member) =>
        member.IsBot ? null : GrainFactory.GetGrain<IPlayerGrain>(member.PlayerId);

    private static Outcome NotInRoom() => Outcome.Fail(ErrorCodes.NotInRoom, "You are not a member of this room.");

    private RaceError? HostCheck(string playerId) =>
        Find(playerId) is null ? NotInRoom().Error
        : playerId != _hostId ? new RaceError(ErrorCodes.NotHost, "Only the host can do that.")
        : null;

    private RaceError? RoomFull() =>
        _members.Count >= _options.MaxMembers
            ? new RaceError(ErrorCodes.RoomFull, $"The room {Code} already has {_members.Count} members.")
            : null;

    private RaceError? RaceCheck() =>
        _phase is RoomPhase.Countdown or RoomPhase.Racing
            ? new RaceError(ErrorCodes.RaceInProgress, "Not while a race is counting down or running.")
            : null;

    /// <summary>Refuses keys and hints from anyone who is not racing right now, saying why.</summary>
    private RaceError? RacingSession(string playerId, out RoomMember member)
    {
        member = Find(playerId)!;
        if (member is null)
        {
            return NotInRoom().Error;
        }

        return _phase switch
        {
            RoomPhase.Lobby => new RaceError(ErrorCodes.RaceNotStarted, "The race has not started yet."),
            _ when member.Session is null && _phase != RoomPhase.Results =>
                new RaceError(ErrorCodes.NotRacing, "You are watching this race; you will race in the next one."),
            RoomPhase.Countdown => new RaceError(ErrorCodes.RaceNotStarted, "The race has not started yet."),
            RoomPhase.Results => new RaceError(ErrorCodes.RaceOver, "The race is over."),
            _ when member.Session!.Finished => new RaceError(ErrorCodes.RaceOver, "You have finished this race."),
            _ => null,
        };
    }

    /// <summary>Switches the room to the chosen passage, or says why it cannot.</summary>
    private RaceError? UsePassage(PassageChoice choice)
    {
        if (!_guides.TryGet(choice.GuideId, out var guide))
        {
            return new RaceError(ErrorCodes.GuideNotFound, $"There is no guide '{choice.GuideId}'.");
        }

        if (choice.ParagraphIndex < 0 || choice.ParagraphIndex >= guide.Paragraphs.Count)
        {
            return new RaceError(
                ErrorCodes.ParagraphOutOfRange,
                $"The guide '{guide.Id}' has paragraphs 1 to {guide.Paragraphs.Count}; {choice.ParagraphIndex + 1} is not one of them.");
        }

        _guide = guide;
        _passage = PassageBuilder.Build(guide, choice.ParagraphIndex, choice.Length);
        return null;
    }

    private void BackToLobby()
    {
        _phase = RoomPhase.Lobby;
        _results = null;
        foreach (var member in _members)
        {
            // Bots are always ready; people say so again for each race.
            member.Ready = member.IsBot;
            member.Session = null;
            member.Driver = null;
        }

        _audience.Publish(BuildView());
    }

    private async Task Remove(RoomMember member)
    {
        _members.Remove(member);
        if (member.PlayerId == _hostId && _members.Count > 0)
        {
            _hostId = (_members.Find(m => !m.IsBot) ?? _members[0]).PlayerId;
        }

        await (PlayerGrain(member)?.SetRoom(null) ?? Task.CompletedTask);
        if (_phase == RoomPhase.Racing && !Racers().Any(racer => !racer.Session!.Finished))
        {
            await EndRace();
            return;
        }

        _audience.Publish(BuildView());
    }

    private async Task TickRace(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_phase == RoomPhase.Countdown && now >= _raceStartsAt)
        {
            _phase = RoomPhase.Racing;
            _audience.Publish(BuildView());
        }

        if (_phase != RoomPhase.Racing)
        {
            return;
        }

        if (now >= _raceEndsAt)
        {
            await EndRace();
            return;
        }

        if (!await DriveBots(now))
        {
            return;
        }

        if (MoveIdleRacersToSpectators(now) && !Racers().Any(racer => !racer.Session!.Finished))
        {
            await EndRace();
            return;
        }

        if (_progressChanged)
        {
            _progressChanged = false;
            _audience.Publish(BuildFrame(now));
        }
    }

    /// <summary>
    /// Submits each bot's due keys through <see cref="SubmitKeys"/>, the method and the checks a client's keys go
    /// through. False when that ended the race.
    /// </summary>
    private async Task<bool> DriveBots(DateTimeOffset now)
    {
        foreach (var bot in Racers().Where(racer => racer.Driver is not null).ToList())
        {
            while (bot.Driver?.Due(now, _options.MaxKeysPerBatch) is { } batch)
            {
                var reply = await SubmitKeys(bot.PlayerId, batch);
                if (_phase != RoomPhase.Racing)
                {
                    return false;
                }

                if (reply.Error is { } refusal)
                {
                    LogBotRefused(_logger, Code, bot.PlayerId, refusal.Code, refusal.Message);
                    bot.Driver = null;
                }
            }
        }

        return true;
    }

    private bool MoveIdleRacersToSpectators(DateTimeOffset now)
    {
        var idle = Racers().Where(racer => !racer.Session!.Finished && now - racer.LastActivityAt >= _options.IdleLimit).ToList();
        foreach (var racer in idle)
        {
            racer.Session = null;
            racer.Role = MemberRole.Spectator;
            LogRacerIdle(_logger, Code, racer.PlayerId);
        }

        if (idle.Count > 0)
        {
            _progressChanged = true;
            _audience.Publish(BuildView());
        }

        return idle.Count > 0;
    }

    private async Task EndRace()
    {
        var now = _clock.GetUtcNow();
        _raceTimer?.Dispose();
        _raceTimer = null;
        _audience.Publish(BuildFrame(now));
        _phase = RoomPhase.Results;
        _results = RaceResults.Build(Racers().ToList(), _raceStartsAt);
        _audience.Publish(BuildView());
        LogRaceEnded(_logger, Code, _raceNumber, _results.Length);
        await RecordResults(now);
    }

    /// <summary>
    /// Queues every human result for its player grain (see <see cref="RecordingLine"/>). The results are on show
    /// already, so slow leaderboards delay only the standings.
    /// </summary>
    private Task RecordResults(DateTimeOffset now) =>
        Send(_recordingLine.Add(
            _results!
                .Where(line => !line.IsBot)
                .Select(line => new PendingResult(line.PlayerId, new RaceRecord(
                    RaceId, Code, _guide.Id, _passage.FirstParagraphId, _passage.Length, _passage.CharacterCount,
                    line.Place, _results!.Length, line.Wpm, line.Accuracy, line.TimeMs, line.Hints, line.Finished, line.Flags, now))),
            now));

    /// <summary>Each call is one-way: it returns once the message is on its way, and the player grain reports back.</summary>
    private async Task Send(IReadOnlyList<PendingResult> results)
    {
        var sending = new Queue<PendingResult>(results);
        while (sending.TryDequeue(out var result))
        {
            try
            {
                await GrainFactory.GetGrain<IPlayerGrain>(result.PlayerId).RecordResult(result.Record);
            }
            catch (Exception exception)
            {
                // The race and its results stand even when a player's history cannot be written. No report will come
                // for this one, so the line moves on without it.
                LogRecordingFailed(_logger, exception, Code, result.Record.RaceId);
                foreach (var next in _recordingLine.Recorded(leaderboardsDown: false, _clock.GetUtcNow()))
                {
                    sending.Enqueue(next);
                }
            }
        }
    }

    private async Task Housekeep(CancellationToken cancellationToken)
    {
        _audience.DropExpired();
        if (!_created)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        await Send(_recordingLine.Unstick(now));
        if (_phase is RoomPhase.Lobby or RoomPhase.Results)
        {
            foreach (var gone in _members.Where(m => m.DisconnectedAt is { } at && now - at >= _options.DisconnectGrace).ToList())
            {
                await Remove(gone);
            }
        }

        if (_members.Any(member => member.Connected && !member.IsBot))
        {
            _emptySince = null;
            return;
        }

        _emptySince ??= now;
        if (now - _emptySince >= _options.EmptyRoomExpiry)
        {
            await Expire();
        }
    }

    private async Task Expire()
    {
        LogRoomExpired(_logger, Code);
        await Task.WhenAll(_members.Select(member => PlayerGrain(member)?.SetRoom(null) ?? Task.CompletedTask));
        _created = false;
        _members.Clear();
        _raceTimer?.Dispose();
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

    private ProgressFrame BuildFrame(DateTimeOffset now) =>
        new(Code, _raceNumber, now.ToUnixTimeMilliseconds(), Racers().Select(racer => racer.ToProgress(racer.Session!)).ToArray());

    private RoomView BuildView(RoomMember? you = null)
    {
        var first = _guide.Paragraphs[_passage.FirstParagraphIndex];
        var passage = new PassageView(
            _passage.FirstParagraphIndex,
            _passage.ParagraphCount,
            _passage.Length,
            _passage.CharacterCount,
            first.Section,
            _phase == RoomPhase.Lobby ? null : _passage.Text,
            _passage.Segments.Select(s => new SegmentView(s.Start, s.Length, s.Kind, s.ParagraphIndex)).ToArray());
        var inRace = _phase != RoomPhase.Lobby;
        return new RoomView(
            Code,
            _phase,
            _raceNumber,
            _hostId,
            _clock.GetUtcNow().ToUnixTimeMilliseconds(),
            inRace ? _raceStartsAt.ToUnixTimeMilliseconds() : null,
            inRace ? _raceEndsAt.ToUnixTimeMilliseconds() : null,
            _members.Select(member => member.ToView()).ToArray(),
            new GuideInfo(_guide.Id, _guide.Title, _guide.Paragraphs.Count),
            passage,
            GuideFinished,
            you is null ? null : new YouView(
                you.PlayerId, you.Role, you.Session?.Position ?? 0, you.Session?.ErrorRunLength ?? 0, you.LastSeq, you.Session?.Hints ?? 0),
            _results);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Code} created on guide {GuideId} at paragraph {ParagraphIndex}.")]
    private static partial void LogRoomCreated(ILogger logger, string code, string guideId, int paragraphIndex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Code} race {RaceNumber} counting down with {Racers} racers.")]
    private static partial void LogRaceStarting(ILogger logger, string code, int raceNumber, int racers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Code} race {RaceNumber} ended with {Racers} racers placed.")]
    private static partial void LogRaceEnded(ILogger logger, string code, int raceNumber, int racers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {Code}: bot {PlayerId} stops typing, its keys were refused: {ErrorCode} {ErrorMessage}")]
    private static partial void LogBotRefused(ILogger logger, string code, string playerId, string errorCode, string errorMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Code}: racer {PlayerId} was idle and now spectates.")]
    private static partial void LogRacerIdle(ILogger logger, string code, string playerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Room {Code} expired with nobody connected.")]
    private static partial void LogRoomExpired(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {Code}: a result of race {RaceId} could not be sent for recording.")]
    private static partial void LogRecordingFailed(ILogger logger, Exception exception, string code, string raceId);
}
