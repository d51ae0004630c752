using Microsoft.Extensions.Logging;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// Whether a finished race's runs are earlier runs of the passage played again (docs/fair-play.md, "Replayed runs"):
/// asks the passage's runs grain, which answers from memory, flags those that are, and hands the ranked rest on to be
/// kept, one-way. A runs grain that does not answer in time costs the check, never the results.
/// </summary>
internal sealed partial class ReplayCheck(string code, IGrainFactory grains, ILogger logger)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(2);

    public async Task<ResultLine[]> Flag(
        ResultLine[] lines, string raceId, Passage passage, TypingRules rules, RaceClock clock, Func<string, IReadOnlyList<LoggedKey>?> keysOf)
    {
        var runs = lines
            .Where(line => !line.IsBot && !line.IsGhost && line.Finished && keysOf(line.PlayerId) is not null)
            .Select(line => (line.PlayerId, Shape: RunShape.Of(ReplayTimeline.Of(passage, rules, clock, keysOf(line.PlayerId)!))))
            .Where(run => run.Shape.Shares.Length > 0)
            .Select(run => new RunShapeView(raceId, run.PlayerId, run.Shape.Shares, run.Shape.Slips))
            .ToArray();
        if (runs.Length == 0)
        {
            return lines;
        }

        var passageRuns = grains.GetGrain<IPassageRunsGrain>(BoardKeys.PassageId(passage.FirstParagraphId, passage.Length));
        string[] replayed;
        try
        {
            replayed = await passageRuns.Replayed(runs).WaitAsync(AnswerTimeout);
        }
        catch (Exception exception)
        {
            LogCheckFailed(logger, exception, code, raceId);
            return lines;
        }

        var flagged = lines.Select(line => replayed.Contains(line.PlayerId)
            ? line with { Flags = FairPlayFlagNames.Of(FairPlayFlagNames.Parse(line.Flags) | FairPlayFlags.Replayed) }
            : line).ToArray();
        var ranked = flagged.Where(line => !FairPlayRules.Unranks(FairPlayFlagNames.Parse(line.Flags))).Select(line => line.PlayerId).ToHashSet();
        await passageRuns.Remember([.. runs.Where(run => ranked.Contains(run.PlayerId))]);
        return flagged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomCode}: race {RaceId} was not checked for replayed runs.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string roomCode, string raceId);
}
