using Microsoft.Extensions.Logging;
using TypingRace.Abstractions;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Where a finished race goes from its room: its one record to its race grain, filed again until the race grain
/// confirms it, and each human result to its player grain through the <see cref="RecordingLine"/>. Every call is
/// one-way, so the room never waits on anyone's storage.
/// </summary>
internal sealed partial class ResultHandOff(string code, IGrainFactory grains, TimeProvider clock, RoomOptions options, ILogger logger)
{
    /// <summary>Far beyond a player grain's slowest recording: a leaderboard write and a state write, both timed out.</summary>
    private static readonly TimeSpan RecordingStallLimit = TimeSpan.FromSeconds(30);

    private readonly RecordingLine _line = new(RecordingStallLimit);
    private DateTimeOffset _lastFiledAt;

    /// <summary>Queues the race's human results, those <paramref name="only"/> picks if given, for their players.</summary>
    public Task Record(RaceCompleted race, Func<ResultLine, bool>? only = null) =>
        Send(_line.Add(
            race.Lines.Where(line => !line.IsBot && !line.IsGhost && (only?.Invoke(line) ?? true)).Select(line => new PendingResult(line.PlayerId, race.RecordOf(line))),
            clock.GetUtcNow()));

    /// <summary>A player grain reported back: the next result goes.</summary>
    public Task Recorded(bool leaderboardsDown) => Send(_line.Recorded(leaderboardsDown, clock.GetUtcNow()));

    /// <summary>Files the record now.</summary>
    public async Task File(RaceCompleted race)
    {
        _lastFiledAt = clock.GetUtcNow();
        try
        {
            await grains.GetGrain<IRaceGrain>(race.RaceId).File(race);
        }
        catch (Exception exception)
        {
            LogFilingFailed(logger, exception, code, race.RaceId);
        }
    }

    /// <summary>Housekeeping: a report lost with a failed silo must not hold up the line, and an unconfirmed record is filed again.</summary>
    public async Task Retry(RaceCompleted? unfiled)
    {
        var now = clock.GetUtcNow();
        await Send(_line.Unstick(now));
        if (unfiled is not null && now - _lastFiledAt >= options.FileRetryInterval)
        {
            await File(unfiled);
        }
    }

    private async Task Send(IReadOnlyList<PendingResult> results)
    {
        var sending = new Queue<PendingResult>(results);
        while (sending.TryDequeue(out var result))
        {
            try
            {
                await grains.GetGrain<IPlayerGrain>(result.PlayerId).RecordResult(result.Record);
            }
            catch (Exception exception)
            {
                // The race and its results stand even when a player's history cannot be written. No report will come
                // for this one, so the line moves on without it.
                LogRecordingFailed(logger, exception, code, result.Record.RaceId);
                foreach (var next in _line.Recorded(leaderboardsDown: false, clock.GetUtcNow()))
                {
                    sending.Enqueue(next);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomCode}: a result of race {RaceId} could not be sent for recording.")]
    private static partial void LogRecordingFailed(ILogger logger, Exception exception, string roomCode, string raceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomCode}: race {RaceId} could not be filed yet; it is filed again shortly.")]
    private static partial void LogFilingFailed(ILogger logger, Exception exception, string roomCode, string raceId);
}
