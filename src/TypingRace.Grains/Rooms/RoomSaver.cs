using Microsoft.Extensions.Logging;
using Orleans.Storage;
using TypingRace.Engine.Races;
using TypingRace.Grains.Races;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Writes a room down: appends each racer's new keys to the key log store, then the room record when it changed.
/// It runs on an interleaved timer, so a slow or absent store holds up only the next write: a failed write stays
/// due and is tried again, in order, on the next tick. Clients keep what is not stored yet (<see cref="StoredSeq"/>).
/// </summary>
internal sealed partial class RoomSaver(IPersistentState<RoomState> state, IKeyLogStore keyLogs, TimeProvider clock, ILogger logger, Action onConflict)
{
    private static readonly TimeSpan AppendTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Tracked> _racers = [];
    private string _raceId = "";
    private bool _dirty;

    /// <summary>The room record changed; it is written on the next save.</summary>
    public void Dirty() => _dirty = true;

    /// <summary>Forgets the last race's logs: a new race has new ones.</summary>
    public void NewRace(string raceId)
    {
        _raceId = raceId;
        _racers.Clear();
    }

    /// <summary>Follows a racer's log; the first <paramref name="alreadyStored"/> keys came from the store.</summary>
    public void Track(string playerId, RacerLog log, int alreadyStored) =>
        _racers[playerId] = new Tracked(log) { Stored = alreadyStored, StoredSeq = alreadyStored > 0 ? log.Keys[alreadyStored - 1].Seq : 0 };

    /// <summary>The last key batch of this racer that is stored.</summary>
    public long StoredSeq(string playerId) => _racers.TryGetValue(playerId, out var racer) ? racer.StoredSeq : 0;

    /// <summary>The timer's save: skipped while another save is under way.</summary>
    public async Task Save(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            await SaveDue(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Saves now, after any save under way.</summary>
    public async Task SaveNow()
    {
        _dirty = true;
        await _gate.WaitAsync();
        try
        {
            await SaveDue(CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveDue(CancellationToken cancellationToken)
    {
        var raceId = _raceId;
        foreach (var (playerId, racer) in _racers.ToList())
        {
            var count = racer.Log.Keys.Count;
            if (count <= racer.Stored)
            {
                continue;
            }

            var chunk = KeyLogCodec.Encode(racer.Stored, [.. racer.Log.Keys.Skip(racer.Stored).Take(count - racer.Stored)]);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AppendTimeout);
                await keyLogs.Append(raceId, playerId, chunk, timeout.Token);
            }
            catch (Exception exception)
            {
                LogKeysNotStored(logger, exception, raceId, playerId);
                return;
            }

            if (raceId != _raceId)
            {
                return;
            }

            racer.Stored = count;
            racer.StoredSeq = racer.Log.Keys[count - 1].Seq;
        }

        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        state.State.SavedAt = clock.GetUtcNow();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation wrote this room (a silo thought dead was not): the stored record wins.
            LogConflict(logger, exception);
            onConflict();
        }
        catch (Exception exception)
        {
            _dirty = true;
            LogRoomNotStored(logger, exception);
        }
    }

    private sealed class Tracked(RacerLog log)
    {
        public RacerLog Log { get; } = log;

        public int Stored { get; set; }

        public long StoredSeq { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keys of race {RaceId} by {PlayerId} could not be stored yet; they are tried again.")]
    private static partial void LogKeysNotStored(ILogger logger, Exception exception, string raceId, string playerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room record could not be stored yet; it is tried again.")]
    private static partial void LogRoomNotStored(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The room record was written by another activation; this one steps down.")]
    private static partial void LogConflict(ILogger logger, Exception exception);
}
