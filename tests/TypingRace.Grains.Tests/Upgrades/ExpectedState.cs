using System.Text.Json.Serialization;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;

namespace TypingRace.Grains.Tests.Upgrades;

// What the clients of the version that wrote a fixture saw, in types of the test's own: a later version may change
// the contracts, and an old expected.json must still read the same.

/// <param name="Commit">The commit whose code wrote the fixture, for whoever wonders what "v1" was.</param>
internal sealed record ExpectedState(
    string Version,
    string? Commit,
    DateTimeOffset WrittenAt,
    string ServiceId,
    ExpectedPlayer[] Players,
    ExpectedFinishedRoom Finished,
    ExpectedRacingRoom Racing,
    ExpectedBoard[] Boards);

/// <param name="Secret">The secret half of the player's token; the server keeps only its hash.</param>
internal sealed record ExpectedPlayer(string Id, string Name, string Secret, string? RoomCode);

internal sealed record ExpectedMember(string PlayerId, string Name, bool IsBot, MemberRole Role);

internal sealed record ExpectedPassage(string GuideId, int ParagraphIndex, PassageLength Length, int CharacterCount);

/// <summary>A room whose race ended and was filed; its results are on show.</summary>
internal sealed record ExpectedFinishedRoom(
    string Code,
    string HostId,
    int RaceNumber,
    string RaceId,
    ExpectedPassage Passage,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    ExpectedMember[] Members,
    ExpectedLine[] Results);

/// <summary>One line of the results table, with what the racer was shown of the boards after it.</summary>
internal sealed record ExpectedLine(
    int Place,
    string PlayerId,
    string Name,
    bool IsBot,
    bool Finished,
    double Wpm,
    double Accuracy,
    long TimeMs,
    int Hints,
    int Position,
    string[] Flags,
    ExpectedChartPoint[] Chart,
    ExpectedRank[]? Ranks);

internal sealed record ExpectedChartPoint(int Second, double Wpm, int Errors);

internal sealed record ExpectedRank(LeaderboardScope Scope, LeaderboardPeriod Period, LeaderboardRanking Ranking, long Rank);

/// <summary>A room left in the middle of a race, its keys so far in the key log.</summary>
/// <param name="StartedAt">To the tick, as the room's record has it: views give only the millisecond, and WPM needs more.</param>
internal sealed record ExpectedRacingRoom(
    string Code,
    string HostId,
    int RaceNumber,
    string RaceId,
    ExpectedPassage Passage,
    DateTimeOffset StartedAt,
    ExpectedMember[] Members,
    ExpectedRacer[] Racers);

/// <summary>
/// Where a racer was when the version stopped: position, error run, last batch and hints as the room told them on
/// joining, WPM and accuracy as its ack of their last batch said.
/// </summary>
internal sealed record ExpectedRacer(string PlayerId, int Position, int ErrorLength, long LastSeq, int Hints, double Wpm, double Accuracy);

/// <param name="At">The day or week asked for; null for an all-time board.</param>
internal sealed record ExpectedBoard(
    LeaderboardScope Scope,
    string? ScopeId,
    LeaderboardPeriod Period,
    LeaderboardRanking Ranking,
    DateTimeOffset? At,
    ExpectedEntry[] Entries)
{
    [JsonIgnore]
    public BoardQuery Query => new(Scope, ScopeId, Period, Ranking, At);

    public override string ToString() => $"{Ranking} {Scope}{(ScopeId is null ? "" : ":" + ScopeId)} {Period}";
}

internal sealed record ExpectedEntry(long Rank, string PlayerId, string? Name, double Wpm, double Accuracy, DateTimeOffset At);
