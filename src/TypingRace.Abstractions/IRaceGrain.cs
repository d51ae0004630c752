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
}

/// <summary>
/// The one record of a finished race: what was raced, when, and every racer's final line. Each racer's history entry,
/// and through it their personal bests and leaderboard entries, is <see cref="RecordOf"/> one of its lines.
/// </summary>
/// <param name="RaceId">Random and long enough that nobody guesses another race's id.</param>
/// <param name="KeyLog">Where each racer's stored key log is: the key log store's name for this race.</param>
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
    [property: Id(11)] string? CohortCode = null)
{
    /// <summary>The race as one of its racers keeps it in their history.</summary>
    public RaceRecord RecordOf(ResultLine line) => new(
        RaceId, RoomCode, GuideId, FirstParagraphId, Length, CharacterCount,
        line.Place, Lines.Length, line.Wpm, line.Accuracy, line.TimeMs, line.Hints, line.Finished, line.Flags, EndedAt, CohortCode);
}
