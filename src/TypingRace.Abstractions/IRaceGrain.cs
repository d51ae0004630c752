using Orleans.Concurrency;
using TypingRace.Engine.Guides;

namespace TypingRace.Abstractions;

/// <summary>One finished race, keyed by its race id: the race's one record, stored once however often it is filed.</summary>
[Alias("TypingRace.IRaceGrain")]
public interface IRaceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the record unless it is stored already, then tells the room <see cref="IRoomGrain.RaceFiled"/>.
    /// One-way, so the room never waits on storage; it files again until it hears back.
    /// </summary>
    [OneWay, Alias("File")]
    Task File(RaceCompleted race);

    /// <summary>The stored record, or null for a race id nobody filed.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<RaceCompleted?> Get();

    /// <summary>Every racer's result derived again from the stored key logs (docs/fair-play.md); null for an unknown race.</summary>
    [AlwaysInterleave, Alias("Verify")]
    Task<RaceCheck?> Verify();

    /// <summary>The race to play again (docs/protocol.md, "Replays"); null for an unknown race.</summary>
    [AlwaysInterleave, Alias("Replay")]
    Task<Reply<RaceReplay>?> Replay();

    /// <summary>
    /// Ghosts of the racers <paramref name="playerIds"/> (all of them, best place first, when null): each one's run
    /// from its stored key log, to race against. Null for an unknown race.
    /// </summary>
    [AlwaysInterleave, Alias("Ghosts")]
    Task<Reply<GhostRun[]>?> Ghosts(string[]? playerIds);
}

/// <summary>
/// A stored run to race against (docs/fair-play.md, "Ghosts"): the racer it comes from, the passage it was typed on,
/// and its keys at the race times its room counted them.
/// </summary>
/// <param name="Name">What the ghost is called in the room, for example "Ghost of Ada".</param>
/// <param name="Keys">The keys as <c>GhostRuns.Encode</c> writes them: text and race time, about 5 bytes a key.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.GhostRun")]
public sealed record GhostRun(
    [property: Id(0)] string Name,
    [property: Id(1)] string RaceId,
    [property: Id(2)] string PlayerId,
    [property: Id(3)] PassageChoice Passage,
    [property: Id(4)] string FirstParagraphId,
    [property: Id(5)] double Wpm,
    [property: Id(6)] byte[] Keys);

/// <summary>A finished race as a replay draws it: the passage, and every racer's cursor over time from their key log.</summary>
/// <param name="DurationMs">Race time from the start to the last step of any racer.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.RaceReplay")]
public sealed record RaceReplay(
    [property: Id(0)] string RaceId,
    [property: Id(1)] GuideInfo Guide,
    [property: Id(2)] PassageView Passage,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] long DurationMs,
    [property: Id(5)] ReplayRacer[] Racers);

/// <summary>One racer of a replay: their result line, and their cursor's steps.</summary>
/// <param name="Steps">Flat triples <c>[atMs, position, errorRun, atMs, position, errorRun, …]</c> in time order: from
/// <c>atMs</c> (race time) the cursor stood at <c>position</c> with <c>errorRun</c> wrong code points after it.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.ReplayRacer")]
public sealed record ReplayRacer(
    [property: Id(0)] ResultLine Result,
    [property: Id(1)] int[] Steps);

/// <summary>
/// A race's results recomputed from its key logs with the engine alone, beside what was recorded.
/// <see cref="Verified"/> when every racer's figures and place match exactly.
/// </summary>
/// <param name="Problem">Why nothing could be recomputed (the guide or its passage changed, keys are missing), or null.</param>
/// <param name="Pending">The race ended a moment ago and its last keys are still being stored: ask again shortly.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.RaceCheck")]
public sealed record RaceCheck(
    [property: Id(0)] string RaceId,
    [property: Id(1)] bool Verified,
    [property: Id(2)] string? Problem,
    [property: Id(3)] RacerCheck[] Racers,
    [property: Id(4)] bool Pending = false);

[GenerateSerializer, Immutable, Alias("TypingRace.RacerCheck")]
public sealed record RacerCheck(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Matches,
    [property: Id(3)] int Keys,
    [property: Id(4)] CheckedFigures Recorded,
    [property: Id(5)] CheckedFigures? Recomputed);

[GenerateSerializer, Immutable, Alias("TypingRace.CheckedFigures")]
public sealed record CheckedFigures(
    [property: Id(0)] int Place,
    [property: Id(1)] bool Finished,
    [property: Id(2)] double Wpm,
    [property: Id(3)] double Accuracy,
    [property: Id(4)] long TimeMs,
    [property: Id(5)] int Hints,
    [property: Id(6)] int Position,
    [property: Id(7)] string[] Flags);

/// <summary>Time the race clock stood still (the room was away): key times after it are shifted back by it.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.RacePause")]
public sealed record RacePause(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] TimeSpan Length);

/// <summary>
/// The one record of a finished race: what was raced, when, and every racer's final line. Each racer's history entry,
/// and through it their personal bests and leaderboard entries, is <see cref="RecordOf"/> one of its lines.
/// </summary>
/// <param name="RaceId">Random and long enough that nobody guesses another race's id.</param>
/// <param name="KeyLog">Where each racer's stored key log is: the key log store's name for this race.</param>
/// <param name="Pauses">The race clock's pauses, so its logs fold again as the room folded them.</param>
/// <param name="KeyCounts">Each racer's logged inputs when the race ended: a verification waits until the store has them all.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.RaceCompleted")]
public sealed record RaceCompleted(
    [property: Id(0)] string RaceId,
    [property: Id(1)] string RoomCode,
    [property: Id(2)] string GuideId,
    [property: Id(3)] int FirstParagraphIndex,
    [property: Id(4)] string FirstParagraphId,
    [property: Id(5)] PassageLength Length,
    [property: Id(6)] int CharacterCount,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset EndedAt,
    [property: Id(9)] ResultLine[] Lines,
    [property: Id(10)] string KeyLog,
    [property: Id(11)] string? CohortCode = null,
    [property: Id(12)] RacePause[]? Pauses = null,
    [property: Id(13)] Dictionary<string, int>? KeyCounts = null,
    [property: Id(14)] Dictionary<string, KeyStat[]>? KeyTallies = null)
{
    /// <summary>The race as one of its racers keeps it in their history.</summary>
    public RaceRecord RecordOf(ResultLine line) => new(
        RaceId, RoomCode, GuideId, FirstParagraphId, Length, CharacterCount,
        line.Place, Lines.Count(l => !l.IsGhost), line.Wpm, line.Accuracy, line.TimeMs, line.Hints, line.Finished, line.Flags, EndedAt, CohortCode, KeyTallies?.GetValueOrDefault(line.PlayerId));
}
