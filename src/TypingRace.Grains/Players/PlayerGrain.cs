using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Players;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Guides;
using TypingRace.Grains.Hosting;
using TypingRace.Grains.Races;
using TypingRace.Grains.Results;
using TypingRace.Leaderboards;

namespace TypingRace.Grains.Players;

[GenerateSerializer, Alias("TypingRace.PlayerState")]
public sealed class PlayerState
{
    [Id(0)] public string? Name { get; set; }

    [Id(1)] public string? SecretHash { get; set; }

    [Id(2)] public string? RoomCode { get; set; }

    [Id(3)] public List<RaceRecord> Recent { get; set; } = [];

    [Id(4)] public List<string> ImportedGuides { get; set; } = [];

    /// <summary>Secrets of the player's other devices (signed in with a device code), newest last.</summary>
    [Id(5)] public List<string> DeviceSecretHashes { get; set; } = [];

    /// <summary>The fastest ranked run on each passage (by <see cref="BoardKeys.PassageId"/>): what "race your best" races.</summary>
    [Id(6)] public Dictionary<string, BestRun> BestRuns { get; set; } = [];

    /// <summary>Every key met in the recorded results, with its misses (<see cref="WeakSpots"/>); the results themselves keep none.</summary>
    [Id(7)] public Dictionary<string, KeyStat> Keys { get; set; } = [];

    /// <summary>How many results <see cref="Keys"/> adds up.</summary>
    [Id(8)] public int KeyedResults { get; set; }
}

[GenerateSerializer, Immutable, Alias("TypingRace.BestRun")]
public sealed record BestRun([property: Id(0)] string RaceId, [property: Id(1)] double Wpm, [property: Id(2)] DateTimeOffset At);

/// <summary>A player's identity (name and the hash of their secret), the room they are in, and recent races.</summary>
public sealed partial class PlayerGrain(
    [PersistentState("player", StorageNames.Players)] IPersistentState<PlayerState> state,
    ResultRecorder recorder,
    IKeyLogStore keyLogs,
    IOptions<GuideOptions> guideOptions,
    ILogger<PlayerGrain> logger)
    : Grain, IPlayerGrain
{
    /// <summary>How many recent races a player keeps.</summary>
    public const int RecentLimit = 20;

    /// <summary>How many passages a player keeps a best run of; past it, the one raced longest ago goes.</summary>
    public const int BestRunLimit = 200;

    private static readonly TimeSpan KeyLogTimeout = TimeSpan.FromSeconds(5);

    private string PlayerId => this.GetPrimaryKeyString();

    private bool Registered => state.State.SecretHash is not null;

    public async Task<Reply<PlayerProfile>> Register(string name, string secretHash)
    {
        if (Registered)
        {
            return Reply<PlayerProfile>.Fail(ErrorCodes.Unauthorized, "This player id is already taken.");
        }

        if (!PlayerName.TryNormalize(name, out var normalized, out var problem))
        {
            return Reply<PlayerProfile>.Fail(ErrorCodes.InvalidName, problem);
        }

        state.State.Name = normalized;
        state.State.SecretHash = secretHash;
        await state.WriteStateAsync();
        return Reply<PlayerProfile>.Ok(Profile());
    }

    /// <summary>Devices a player keeps signed in besides the first; signing in one more signs the oldest out.</summary>
    public const int DeviceLimit = 10;

    public Task<bool> VerifySecret(string secretHash) => Task.FromResult(SlotOf(secretHash) is not null);

    public async Task<bool> ReplaceSecret(string currentHash, string newHash)
    {
        switch (SlotOf(currentHash))
        {
            case null:
                return false;
            case -1:
                state.State.SecretHash = newHash;
                break;
            case var device:
                state.State.DeviceSecretHashes[device.Value] = newHash;
                break;
        }

        await WriteSecrets();
        return true;
    }

    public async Task<bool> RevokeAllSecrets(string currentHash, string newHash)
    {
        if (SlotOf(currentHash) is null)
        {
            return false;
        }

        state.State.SecretHash = newHash;
        state.State.DeviceSecretHashes.Clear();
        await WriteSecrets();
        return true;
    }

    public async Task<bool> RemoveSecret(string currentHash)
    {
        switch (SlotOf(currentHash))
        {
            case null:
                return false;
            case -1:
                // The first device's slot is what makes the player registered, so it is emptied, not removed: an empty
                // hash matches no secret. The newest other device, if any, takes it over.
                var devices = state.State.DeviceSecretHashes;
                state.State.SecretHash = devices.Count > 0 ? devices[^1] : RevokedSecret;
                if (devices.Count > 0)
                {
                    devices.RemoveAt(devices.Count - 1);
                }

                break;
            case var device:
                state.State.DeviceSecretHashes.RemoveAt(device.Value);
                break;
        }

        await WriteSecrets();
        return true;
    }

    private const string RevokedSecret = "";

    /// <summary>A write that fails leaves the secrets as stored: the caller keeps the token it has, which still works.</summary>
    private async Task WriteSecrets()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }

    /// <summary>-1 for the first device's secret, the index of another device's, or null; compared in constant time.</summary>
    private int? SlotOf(string secretHash)
    {
        if (!Registered)
        {
            return null;
        }

        var candidate = Encoding.ASCII.GetBytes(secretHash);
        int? slot = null;
        var known = state.State.DeviceSecretHashes.Prepend(state.State.SecretHash!).ToList();
        for (var i = 0; i < known.Count; i++)
        {
            if (known[i].Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(known[i]), candidate))
            {
                slot = i - 1;
            }
        }

        return slot;
    }

    public async Task<Reply<PlayerProfile>> AddDevice(string secretHash, string issuerSecretHash)
    {
        if (!Registered)
        {
            return Reply<PlayerProfile>.Fail(ErrorCodes.Unauthorized, "This player no longer exists.");
        }

        if (SlotOf(issuerSecretHash) is null)
        {
            return Reply<PlayerProfile>.Fail(ErrorCodes.BadDeviceCode, "The device that gave this code was signed out since; get a new code from a device that is signed in.");
        }

        state.State.DeviceSecretHashes.Add(secretHash);
        if (state.State.DeviceSecretHashes.Count > DeviceLimit)
        {
            state.State.DeviceSecretHashes.RemoveAt(0);
        }

        await state.WriteStateAsync();
        return Reply<PlayerProfile>.Ok(Profile());
    }

    public Task<PlayerProfile?> GetProfile() => Task.FromResult(Registered ? Profile() : null);

    public async Task<Reply<PlayerProfile>> Rename(string name)
    {
        if (!PlayerName.TryNormalize(name, out var normalized, out var problem))
        {
            return Reply<PlayerProfile>.Fail(ErrorCodes.InvalidName, problem);
        }

        state.State.Name = normalized;
        await state.WriteStateAsync();
        return Reply<PlayerProfile>.Ok(Profile());
    }

    public async Task<Reply<RoomView>> EnterRoom(string code, PassageChoice? create)
    {
        if (!Registered)
        {
            return Reply<RoomView>.Fail(ErrorCodes.Unauthorized, "This player no longer exists; register again.");
        }

        var card = new PlayerCard(PlayerId, state.State.Name!);
        var room = GrainFactory.GetGrain<IRoomGrain>(code);
        var reply = create is null ? await room.Join(card) : await room.Create(card, create);
        if (!reply.IsOk)
        {
            return reply;
        }

        if (state.State.RoomCode is { } previous && previous != code)
        {
            // One room at a time: once in the new room, the player leaves the old one. "Not in room": it let them go already.
            var left = await GrainFactory.GetGrain<IRoomGrain>(previous).Leave(PlayerId);
            LogLeftForAnother(logger, PlayerId, previous, code, left.Error?.Code ?? "ok");
        }

        await SetRoom(code);
        return reply;
    }

    public async Task<Reply<string>> ImportGuide(ImportedGuide guide)
    {
        var quota = guideOptions.Value.MaxImportsPerPlayer;
        if (!Registered)
        {
            return Reply<string>.Fail(ErrorCodes.Unauthorized, "This player no longer exists; register again.");
        }

        if (state.State.ImportedGuides.Count >= quota)
        {
            return Reply<string>.Fail(ErrorCodes.TooManyGuides, $"A player may import {quota} guides; this one has.");
        }

        var guideId = GuideIds.NewImported();
        if (await GrainFactory.GetGrain<IGuideGrain>(guideId).Save(guide with { OwnerId = PlayerId }) is { Error: { } refused })
        {
            return new Reply<string>(null, refused);
        }

        state.State.ImportedGuides.Add(guideId);
        await state.WriteStateAsync();
        return Reply<string>.Ok(guideId);
    }

    public Task<string[]> GetImportedGuides() => Task.FromResult(state.State.ImportedGuides.ToArray());

    public async Task<Outcome> LeaveRoom(string code)
    {
        var outcome = await GrainFactory.GetGrain<IRoomGrain>(code).Leave(PlayerId);
        if (state.State.RoomCode == code)
        {
            await SetRoom(null);
        }

        return outcome;
    }

    public async Task LeftRoom(string code)
    {
        if (state.State.RoomCode == code)
        {
            await SetRoom(null);
        }
    }

    private async Task SetRoom(string? roomCode)
    {
        if (Registered && state.State.RoomCode != roomCode)
        {
            state.State.RoomCode = roomCode;
            await SaveQuietly();
        }
    }

    public async Task RecordResult(RaceRecord record)
    {
        var room = GrainFactory.GetGrain<IRoomGrain>(record.RoomCode);
        var recent = state.State.Recent;
        if (!Registered || recent.Exists(r => r.RaceId == record.RaceId))
        {
            // The room waits for this report before it sends the next result.
            await room.ShowStanding(record.RaceId, PlayerId, standing: null);
            return;
        }

        // The average the racer compares this result with is of the races before it.
        double? recentAverage = recent.Count == 0 ? null : recent.Take(LeaderboardLimits.RecentAverageOf).Average(r => r.Wpm);
        recent.Insert(0, record with { Keys = null });
        NoteKeys(record.Keys);
        if (recent.Count > RecentLimit)
        {
            recent.RemoveRange(RecentLimit, recent.Count - RecentLimit);
        }

        var bestLogs = NoteIfBest(record);

        // The recorder never fails: what it cannot write now waits in its retry queue, and null says so.
        var outcome = await recorder.Record(ToFinishedResult(record), state.State.Name!, CancellationToken.None);
        var standing = outcome is null
            ? new ResultStanding([], NewGuideBest: false, NewPassageBest: false, recentAverage, Queued: true)
            : new ResultStanding(
                [.. outcome.Placements.Select(p => new BoardRank(p.Board.Scope, p.Board.Period, p.Board.Ranking, p.Rank))],
                outcome.NewGuideBest,
                outcome.NewPassageBest,
                recentAverage,
                Queued: false);
        try
        {
            await room.ShowStanding(record.RaceId, PlayerId, standing);
        }
        finally
        {
            await SaveHistory(record.RaceId);
        }

        // Last: the room and the next racer's result never wait on it.
        await KeepBestLogs(bestLogs);
    }

    public Task<RaceRecord[]> GetRecentResults() => Task.FromResult(state.State.Recent.ToArray());

    public Task<WeakSpotsView> GetWeakSpots()
    {
        var (characters, bigrams) = WeakSpots.Of(state.State.Keys.Values.Select(Engine));
        return Task.FromResult(new WeakSpotsView([.. characters.Select(Contract)], [.. bigrams.Select(Contract)], state.State.KeyedResults));
    }

    private void NoteKeys(KeyStat[]? keys)
    {
        if (keys is null)
        {
            return;
        }

        var totals = WeakSpots.Add(state.State.Keys.ToDictionary(pair => pair.Key, pair => Engine(pair.Value)), keys.Select(Engine));
        state.State.Keys = totals.ToDictionary(pair => pair.Key, pair => Contract(pair.Value));
        state.State.KeyedResults++;
    }

    private static KeyTally Engine(KeyStat key) => new(key.Key, key.Attempts, key.Misses);

    private static KeyStat Contract(KeyTally key) => new(key.Key, key.Attempts, key.Misses);

    public Task<string?> BestRunOn(string passageId) => Task.FromResult(BestOf(passageId)?.RaceId);

    /// <summary>The kept best of the passage; for a passage first raced before best runs were kept, the recent history's.</summary>
    private BestRun? BestOf(string passageId, string? except = null) =>
        state.State.BestRuns.TryGetValue(passageId, out var best) ? best
        : state.State.Recent.Where(r => r.RaceId != except && BoardKeys.PassageId(r.FirstParagraphId, r.Length) == passageId && Ranked(r))
            .MaxBy(r => r.Wpm) is { } earlier ? new BestRun(earlier.RaceId, earlier.Wpm, earlier.At) : null;

    /// <summary>A run is a best only if the boards would rank it: finished, unflagged, long enough.</summary>
    private bool Ranked(RaceRecord record) => LeaderboardRules.Default.Qualifies(ToFinishedResult(record), LeaderboardRanking.Speed);

    /// <summary>
    /// Notes the run if it is the player's new best of its passage; answers the races whose key logs change hands: the
    /// new best's, kept for good, and the ones no longer a best, which expire as usual. A passage first seen since best
    /// runs were kept is judged against the fastest of its runs in the recent history.
    /// </summary>
    private (string Kept, string[] Released)? NoteIfBest(RaceRecord record)
    {
        var passageId = BoardKeys.PassageId(record.FirstParagraphId, record.Length);
        var bests = state.State.BestRuns;
        var beaten = BestOf(passageId, except: record.RaceId);
        if (!Ranked(record) || (beaten is not null && beaten.Wpm >= record.Wpm))
        {
            return null;
        }

        bests[passageId] = new BestRun(record.RaceId, record.Wpm, record.At);
        var dropped = bests.Count > BestRunLimit ? bests.MinBy(pair => pair.Value.At) : (KeyValuePair<string, BestRun>?)null;
        if (dropped is { } oldest)
        {
            bests.Remove(oldest.Key);
        }

        return (record.RaceId, [.. new[] { beaten?.RaceId, dropped?.Value.RaceId }.OfType<string>()]);
    }

    /// <summary>A best run's key log is kept for good, so its ghost can be raced; those it replaced expire as usual.</summary>
    private async Task KeepBestLogs((string Kept, string[] Released)? change)
    {
        if (change is not { } logs)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(KeyLogTimeout);
        try
        {
            await keyLogs.Keep(logs.Kept, PlayerId, keep: true, timeout.Token);
            foreach (var released in logs.Released)
            {
                await keyLogs.Keep(released, PlayerId, keep: false, timeout.Token);
            }
        }
        catch (Exception exception)
        {
            // The best run is noted all the same; its log then expires with the rest, and its ghost with it.
            LogBestNotKept(logger, exception, PlayerId, logs.Kept);
        }
    }

    private async Task SaveHistory(string raceId)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Storage shares Redis with the boards; in an outage the result is already queued for the boards, and the
            // grain keeps it in memory until its next successful write.
            LogHistoryNotSaved(logger, exception, PlayerId, raceId);
        }
    }

    private FinishedResult ToFinishedResult(RaceRecord record) => new(
        $"{record.RaceId}:{PlayerId}",
        PlayerId,
        record.GuideId,
        record.FirstParagraphId,
        record.Length,
        record.CharacterCount,
        CohortId: record.CohortCode,
        record.Wpm,
        record.Accuracy,
        FairPlayFlagNames.Parse(record.Flags),
        record.Place,
        record.Racers,
        record.Hints,
        record.Finished,
        record.At);

    private PlayerProfile Profile() => new(PlayerId, state.State.Name!, PlayerName.TagOf(PlayerId), state.State.RoomCode);

    private async Task SaveQuietly()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The rooms are the truth about membership; the record catches up on the next write.
            LogRoomNotSaved(logger, exception, PlayerId);
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Player {PlayerId} left room {Left} to enter {Entered} ({Outcome}).")]
    private static partial void LogLeftForAnother(ILogger logger, string playerId, string left, string entered, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Player {PlayerId}: the room they are in could not be saved yet.")]
    private static partial void LogRoomNotSaved(ILogger logger, Exception exception, string playerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Player {PlayerId}: the key log of best run {RaceId} could not be kept for good.")]
    private static partial void LogBestNotKept(ILogger logger, Exception exception, string playerId, string raceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Player {PlayerId}: race {RaceId} is in memory but could not be saved yet.")]
    private static partial void LogHistoryNotSaved(ILogger logger, Exception exception, string playerId, string raceId);
}
