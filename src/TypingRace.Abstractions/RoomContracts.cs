using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;

namespace TypingRace.Abstractions;

public enum RoomPhase { Lobby, Countdown, Racing, Results }

public enum MemberRole { Racer, Spectator }

/// <summary>Which passage a room races: a guide, the paragraph it starts at, and the length class.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.PassageChoice")]
public sealed record PassageChoice(
    [property: Id(0)] string GuideId,
    [property: Id(1)] int ParagraphIndex,
    [property: Id(2)] PassageLength Length);

[GenerateSerializer, Immutable, Alias("TypingRace.GuideInfo")]
public sealed record GuideInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int ParagraphCount);

[GenerateSerializer, Immutable, Alias("TypingRace.SegmentView")]
public sealed record SegmentView(
    [property: Id(0)] int Start,
    [property: Id(1)] int Length,
    [property: Id(2)] ParagraphKind Kind,
    [property: Id(3)] int ParagraphIndex);

/// <summary>Code points of the passage the racer never types: the cursor passes them, and WPM leaves them out.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.TextRange")]
public sealed record TextRange(
    [property: Id(0)] int Start,
    [property: Id(1)] int Length);

/// <summary>The passage of the current or next race. <see cref="Text"/> is withheld in the lobby.</summary>
/// <param name="AutoFilled">
/// What the server fills in for the racer (a new line's indentation, characters with no key such as emoji), so a
/// client follows the server's rule rather than a copy of it; null with the text.
/// </param>
/// <param name="ErrorRunCap">How many wrong code points an error run holds before more are ignored (Rooms:ErrorRunCap), for the same reason.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.PassageView")]
public sealed record PassageView(
    [property: Id(0)] int FirstParagraphIndex,
    [property: Id(1)] int ParagraphCount,
    [property: Id(2)] PassageLength Length,
    [property: Id(3)] int CharacterCount,
    [property: Id(4)] string Section,
    [property: Id(5)] string? Text,
    [property: Id(6)] SegmentView[] Segments,
    [property: Id(7)] TextRange[]? AutoFilled = null,
    [property: Id(8)] int ErrorRunCap = 0);

[GenerateSerializer, Immutable, Alias("TypingRace.MemberView")]
public sealed record MemberView(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Tag,
    [property: Id(3)] MemberRole Role,
    [property: Id(4)] bool Ready,
    [property: Id(5)] bool Connected,
    [property: Id(6)] bool IsBot,
    [property: Id(7)] bool IsGhost = false);

/// <summary>The caller's own standing, returned only to the caller of JoinRoom.</summary>
/// <param name="LastSeq">The last key batch the room holds for the caller; a client resends the batches after it.</param>
/// <param name="StoredSeq">The last batch the room has stored: a client may forget the batches up to it.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.YouView")]
public sealed record YouView(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] MemberRole Role,
    [property: Id(2)] int Position,
    [property: Id(3)] int ErrorLength,
    [property: Id(4)] long LastSeq,
    [property: Id(5)] int Hints,
    [property: Id(6)] long StoredSeq = 0);

/// <summary>
/// One second of a racer's results chart: WPM so far at the end of that second, the wrong keys in it, and the raw
/// speed of that second alone (every code point typed in it, right or wrong).
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ChartPoint")]
public sealed record ChartPoint(
    [property: Id(0)] int Second,
    [property: Id(1)] double Wpm,
    [property: Id(2)] int Errors,
    [property: Id(3)] double RawWpm = 0);

/// <summary>What became of a racer's characters, with their raw speed and consistency (TypingBreakdown in the engine).</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ResultBreakdown")]
public sealed record ResultBreakdown(
    [property: Id(0)] int Correct,
    [property: Id(1)] int Incorrect,
    [property: Id(2)] int Corrected,
    [property: Id(3)] int AutoFilled,
    [property: Id(4)] double RawWpm,
    [property: Id(5)] double? Consistency);

/// <summary>
/// One line of a race's placement table. <see cref="TimeMs"/> runs from the start to the last correct key. A ghost's
/// line has place 0: it is shown where it finished, but never placed. <see cref="WentIdle"/>: the racer stopped typing
/// for the idle limit and watched the rest; their line keeps the progress they made.
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ResultLine")]
public sealed record ResultLine(
    [property: Id(0)] int Place,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Tag,
    [property: Id(4)] bool IsBot,
    [property: Id(5)] bool Finished,
    [property: Id(6)] double Wpm,
    [property: Id(7)] double Accuracy,
    [property: Id(8)] long TimeMs,
    [property: Id(9)] int Hints,
    [property: Id(10)] double Progress,
    [property: Id(11)] int Position,
    [property: Id(12)] string[] Flags,
    [property: Id(13)] ChartPoint[] Chart,
    [property: Id(14)] ResultStanding? Standing = null,
    [property: Id(15)] ParagraphResult[]? Paragraphs = null,
    [property: Id(16)] bool IsGhost = false,
    [property: Id(17)] ResultBreakdown? Breakdown = null,
    [property: Id(18)] bool WentIdle = false);

/// <summary>
/// A key a racer met, and how often they missed it: a character (one code point) or a bigram (two). A race's record
/// carries each person's: every character met and every bigram missed; their weak spots add them up
/// (<c>GET /api/players/{id}/weak-spots</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.KeyStat")]
public sealed record KeyStat(
    [property: Id(0)] string Key,
    [property: Id(1)] int Attempts,
    [property: Id(2)] int Misses);

/// <summary>
/// One paragraph of the passage in a racer's result: when they left it (ms from the start; null if they never
/// did) and the accuracy of the keys typed in it (null before its first key). A marathon step's splits.
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ParagraphResult")]
public sealed record ParagraphResult(
    [property: Id(0)] int ParagraphIndex,
    [property: Id(1)] long? SplitMs,
    [property: Id(2)] double? Accuracy);

/// <summary>The racer's rank on one leaderboard after a result; the rank is of their best entry there.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.BoardRank")]
public sealed record BoardRank(
    [property: Id(0)] LeaderboardScope Scope,
    [property: Id(1)] LeaderboardPeriod Period,
    [property: Id(2)] LeaderboardRanking Ranking,
    [property: Id(3)] long Rank);

/// <summary>Where a result left its racer: board ranks, personal bests, and how it compares with their recent form.</summary>
/// <param name="Ranks">One per board the result qualified for; empty when it did not qualify or is still queued.</param>
/// <param name="RecentAverageWpm">The racer's average over their last 10 results before this one; null for a first race.</param>
/// <param name="Queued">The leaderboards could not take the result yet; it is queued and lands when they are back.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.ResultStanding")]
public sealed record ResultStanding(
    [property: Id(0)] BoardRank[] Ranks,
    [property: Id(1)] bool NewGuideBest,
    [property: Id(2)] bool NewPassageBest,
    [property: Id(3)] double? RecentAverageWpm,
    [property: Id(4)] bool Queued);

[GenerateSerializer, Immutable, Alias("TypingRace.RoomView")]
public sealed record RoomView(
    [property: Id(0)] string Code,
    [property: Id(1)] RoomPhase Phase,
    [property: Id(2)] int RaceNumber,
    [property: Id(3)] string HostId,
    [property: Id(4)] long ServerTime,
    [property: Id(5)] long? CountdownEndsAt,
    [property: Id(6)] long? RaceEndsAt,
    [property: Id(7)] MemberView[] Members,
    [property: Id(8)] GuideInfo Guide,
    [property: Id(9)] PassageView Passage,
    [property: Id(10)] bool GuideFinished,
    [property: Id(11)] YouView? You,
    [property: Id(12)] ResultLine[]? Results,
    [property: Id(13)] string? CohortCode = null,
    [property: Id(14)] string? RaceId = null,
    [property: Id(15)] TallyView? Tally = null);

/// <summary>The room's running tally of its races (EveningTally in the engine); null before the first race ends.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.TallyView")]
public sealed record TallyView(
    [property: Id(0)] int Races,
    [property: Id(1)] TallyLineView[] Lines,
    [property: Id(2)] TallyBestView? Best);

/// <param name="Finished">Races finished: <see cref="AverageWpm"/> is of those.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.TallyLineView")]
public sealed record TallyLineView(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Tag,
    [property: Id(3)] int Races,
    [property: Id(4)] int Wins,
    [property: Id(5)] int Finished,
    [property: Id(6)] double TotalWpm,
    [property: Id(7)] double BestWpm,
    [property: Id(8)] double? AverageWpm);

[GenerateSerializer, Immutable, Alias("TypingRace.TallyBestView")]
public sealed record TallyBestView(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Tag,
    [property: Id(3)] double Wpm,
    [property: Id(4)] int RaceNumber);

/// <param name="Wpm">Whole words a minute, rounded as clients show it (half up): every frame carries it for every
/// racer, and its fifteen-odd digits were about 8 % of a frame. The exact figure is in the race's results.</param>
/// <param name="Accuracy">Null before the racer's first character: nothing typed is not 0 % right.</param>
/// <param name="Seq">The last key batch the room accepted from the racer in this race (0 before any): with
/// <see cref="StoredSeq"/>, the acknowledgement of batches sent with TypeKeys, which get no answer of their own.</param>
/// <param name="StoredSeq">The last of the racer's batches the room has written to storage.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.RacerProgress")]
public sealed record RacerProgress(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] int Position,
    [property: Id(2)] int ErrorLength,
    [property: Id(3)] double Wpm,
    [property: Id(4)] double? Accuracy,
    [property: Id(5)] bool Finished,
    [property: Id(6)] long Seq = 0,
    [property: Id(7)] long StoredSeq = 0);

/// <summary>Every racer's standing at one moment; frames are cumulative, so a slow receiver may skip some.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ProgressFrame")]
public sealed record ProgressFrame(
    [property: Id(0)] string Code,
    [property: Id(1)] int RaceNumber,
    [property: Id(2)] long ServerTime,
    [property: Id(3)] RacerProgress[] Racers);

/// <summary>
/// One room's news for a gateway: a new view, a new progress frame, or a view followed by a frame of the race it
/// started. The gateway passes them on in that order.
/// </summary>
/// <param name="KeysArrivedAt">When the oldest key the frame shows reached a gateway (UTC ticks); 0 if none did.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.RoomUpdate")]
public sealed record RoomUpdate(
    [property: Id(0)] string Code,
    [property: Id(1)] RoomView? View,
    [property: Id(2)] ProgressFrame? Frame,
    [property: Id(3)] long KeysArrivedAt = 0);

/// <summary>One key as the client produced it: a character, "\n" (Enter), "\b" (Backspace) or an IME commit.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.KeyPress")]
public sealed record KeyPress([property: Id(0)] string K, [property: Id(1)] long T);

/// <param name="Resent">The client sends this batch again after a reconnect: the room had not stored it.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.KeyBatch")]
public sealed record KeyBatch([property: Id(0)] long Seq, [property: Id(1)] KeyPress[] Keys, [property: Id(2)] bool Resent = false);

/// <param name="Accuracy">Null before the racer's first character, as in <see cref="RacerProgress"/>.</param>
/// <param name="StoredSeq">The last batch the room has stored; the client keeps every batch after it until it is stored.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.KeyAck")]
public sealed record KeyAck(
    [property: Id(0)] long Seq,
    [property: Id(1)] int Position,
    [property: Id(2)] int ErrorLength,
    [property: Id(3)] bool Finished,
    [property: Id(4)] double Wpm,
    [property: Id(5)] double? Accuracy,
    [property: Id(6)] long StoredSeq = 0);

/// <summary>A batch sent with TypeKeys was refused: the event that stands in for the error SendKeys would answer.</summary>
/// <param name="Room">The room code the batch was sent to.</param>
/// <param name="Code">The error code (docs/protocol.md); nothing changed.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.KeysRefused")]
public sealed record KeysRefused(
    [property: Id(0)] string Room,
    [property: Id(1)] long Seq,
    [property: Id(2)] string Code,
    [property: Id(3)] string Message);

[GenerateSerializer, Immutable, Alias("TypingRace.HintReply")]
public sealed record HintReply([property: Id(0)] string Word, [property: Id(1)] int Hints);
