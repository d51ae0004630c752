using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Rooms;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.QuickRace;

[GenerateSerializer, Alias("TypingRace.QuickRaceQueueState")]
public sealed class QuickRaceQueueState
{
    [Id(0)] public List<QueuedPlayer> Queue { get; set; } = [];

    /// <summary>Players a race was opened for, and its room, until they pick it up or it is too old.</summary>
    [Id(1)] public List<MatchedPlayer> Matched { get; set; } = [];
}

[GenerateSerializer, Alias("TypingRace.QueuedPlayer")]
public sealed record QueuedPlayer(
    [property: Id(0)] PlayerCard Player,
    [property: Id(1)] DateTimeOffset JoinedAt,
    [property: Id(2)] bool WantsBots,
    [property: Id(3)] double? AverageWpm);

[GenerateSerializer, Alias("TypingRace.MatchedPlayer")]
public sealed record MatchedPlayer(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string RoomCode,
    [property: Id(2)] DateTimeOffset At);

/// <summary>
/// One length class's quick-race queue. The queue is stored, so it outlives a silo; while anyone waits, a timer asks
/// <see cref="QuickRaceRules"/> whether a race is due and opens it: a random paragraph of a random shipped guide,
/// the oldest waiting player as host, bots in empty seats when asked for.
/// </summary>
public sealed partial class QuickRaceGrain(
    [PersistentState("queue", StorageNames.QuickRace)] IPersistentState<QuickRaceQueueState> state,
    IOptions<QuickRaceOptions> options,
    GuideCatalog guides,
    TimeProvider clock,
    ILogger<QuickRaceGrain> logger) : Grain, IQuickRaceGrain
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(500);

    private IGrainTimer? _timer;

    private QuickRaceQueueState Lobby => state.State;

    private PassageLength Length => Enum.Parse<PassageLength>(this.GetPrimaryKeyString(), ignoreCase: true);

    private QuickRaceSettings Settings => new(options.Value.Size, options.Value.FillWait, options.Value.AloneWait);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Back on another silo after a failure: whoever was waiting still is.
        Watch();
        return Task.CompletedTask;
    }

    public async Task<Reply<QuickRaceView>> Join(PlayerCard player, bool wantsBots, double? averageWpm)
    {
        Lobby.Matched.RemoveAll(m => m.PlayerId == player.PlayerId);
        if (Lobby.Queue.Find(q => q.Player.PlayerId == player.PlayerId) is null)
        {
            Lobby.Queue.Add(new QueuedPlayer(player, clock.GetUtcNow(), wantsBots, averageWpm));
            await state.WriteStateAsync();
            Watch();
        }

        return Reply<QuickRaceView>.Ok(ViewFor(player.PlayerId));
    }

    public Task<QuickRaceView> Status(string playerId) => Task.FromResult(ViewFor(playerId));

    public async Task Leave(string playerId)
    {
        if (Lobby.Queue.RemoveAll(q => q.Player.PlayerId == playerId) + Lobby.Matched.RemoveAll(m => m.PlayerId == playerId) > 0)
        {
            await state.WriteStateAsync();
        }
    }

    private QuickRaceView ViewFor(string playerId)
    {
        if (Lobby.Matched.Find(m => m.PlayerId == playerId) is { } matched)
        {
            return new QuickRaceView(QuickRaceState.Matched, Lobby.Queue.Count, options.Value.Size, matched.RoomCode, null);
        }

        var waiting = Lobby.Queue.Count;
        return Lobby.Queue.Exists(q => q.Player.PlayerId == playerId)
            ? new QuickRaceView(QuickRaceState.Waiting, waiting, options.Value.Size, null, QuickRaceRules.StartsBy(Queued(), Settings))
            : new QuickRaceView(QuickRaceState.None, waiting, options.Value.Size, null, null);
    }

    /// <summary>The queue as the rules read it.</summary>
    private List<QueuedRacer> Queued() => [.. Lobby.Queue.Select(q => new QueuedRacer(q.Player.PlayerId, q.JoinedAt, q.WantsBots, q.AverageWpm))];

    /// <summary>A timer while anyone waits; none otherwise, so an idle queue can be deactivated.</summary>
    private void Watch()
    {
        if (Lobby.Queue.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        _timer ??= this.RegisterGrainTimer(Check, new GrainTimerCreationOptions(CheckEvery, CheckEvery) { KeepAlive = true });
    }

    private async Task Check(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = Lobby.Matched.RemoveAll(m => now - m.At > options.Value.MatchKept);
        if (QuickRaceRules.Due(Queued(), now, Settings) is { } start)
        {
            await Open(start, now);
        }
        else if (expired > 0)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        Watch();
    }

    private async Task Open(QuickRaceStart start, DateTimeOffset now)
    {
        var shipped = guides.Shipped;
        var guide = shipped[Random.Shared.Next(shipped.Count)];
        var choice = new PassageChoice(guide.Id, Random.Shared.Next(guide.Paragraphs.Count), Length);
        var host = start.Players[0];
        var code = await RoomOpening.CreateFor(GrainFactory, host, choice);
        if (code is null)
        {
            // The host could not enter a room (gone, or no code free): they leave the queue, the others wait on.
            Lobby.Queue.RemoveAll(q => q.Player.PlayerId == host);
            await state.WriteStateAsync();
            LogHostDropped(logger, Length, host);
            return;
        }

        var entered = new List<string> { host };
        foreach (var player in start.Players.Skip(1))
        {
            if ((await GrainFactory.GetGrain<IPlayerGrain>(player).EnterRoom(code, create: null)).IsOk)
            {
                entered.Add(player);
            }
        }

        var room = GrainFactory.GetGrain<IRoomGrain>(code);
        for (var bot = 0; bot < start.Bots; bot++)
        {
            await room.AddBot(host, start.BotWpm);
        }

        // Matched all the same: in the room's lobby, its host can start it from the page.
        if (await room.Start(host) is { Error: { } refused })
        {
            LogStartRefused(logger, Length, code, refused.Code);
        }
        Lobby.Queue.RemoveAll(q => start.Players.Contains(q.Player.PlayerId));
        Lobby.Matched.RemoveAll(m => start.Players.Contains(m.PlayerId));
        Lobby.Matched.AddRange(entered.Select(player => new MatchedPlayer(player, code, now)));
        await state.WriteStateAsync();
        LogRaceOpened(logger, Length, code, entered.Count, start.Bots);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quick race ({Length}): room {RoomCode} opened for {Players} players and {Bots} bots.")]
    private static partial void LogRaceOpened(ILogger logger, PassageLength length, string roomCode, int players, int bots);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quick race ({Length}): room {RoomCode} did not start ({Code}); its players are sent to its lobby.")]
    private static partial void LogStartRefused(ILogger logger, PassageLength length, string roomCode, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quick race ({Length}): no room could be opened for {PlayerId}, who leaves the queue.")]
    private static partial void LogHostDropped(ILogger logger, PassageLength length, string playerId);
}
