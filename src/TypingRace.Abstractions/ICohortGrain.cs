using Orleans.Concurrency;
using TypingRace.Engine.Guides;

namespace TypingRace.Abstractions;

/// <summary>
/// A class: its students, its instructor's key (as a hash) and its competitions, keyed by its join code
/// (docs/cohorts.md). Instructor calls carry the hash of the key they were given; the grain compares.
/// </summary>
[Alias("TypingRace.ICohortGrain")]
public interface ICohortGrain : IGrainWithStringKey
{
    /// <summary>Refused (<c>cohort-exists</c>) when the code is taken.</summary>
    [Alias("Create")]
    Task<Outcome> Create(string name, string instructorKeyHash, string creatorId);

    [Alias("Join")]
    Task<Reply<CohortView>> Join(PlayerCard student);

    /// <summary>The student's cohort page is open: they count as online for a while.</summary>
    [Alias("Seen")]
    Task<Outcome> Seen(string playerId);

    /// <summary>The cohort as <paramref name="playerId"/> (a student) or the instructor (the key's hash) sees it.</summary>
    [Alias("View")]
    Task<Reply<CohortView>> View(string? playerId, string? instructorKeyHash);

    [Alias("RemoveMember")]
    Task<Outcome> RemoveMember(string instructorKeyHash, string playerId);

    [Alias("AddCompetition")]
    Task<Reply<CompetitionView>> AddCompetition(string instructorKeyHash, string name, PassageChoice[] rounds);

    /// <summary>Puts every online student into the round's race, in heats that start together.</summary>
    [Alias("StartRound")]
    Task<Reply<RoundView>> StartRound(string instructorKeyHash, string competitionId, int round);

    [Alias("AbortRound")]
    Task<Reply<RoundView>> AbortRound(string instructorKeyHash, string competitionId, int round);

    /// <summary>Ends the competition: its standings are final, and its rounds no longer start.</summary>
    [Alias("EndCompetition")]
    Task<Reply<CompetitionView>> EndCompetition(string instructorKeyHash, string competitionId);

    /// <summary>Opens the marathon through a guide, in steps of one passage of <paramref name="length"/>.</summary>
    [Alias("OpenMarathon")]
    Task<Reply<MarathonView>> OpenMarathon(string instructorKeyHash, string guideId, PassageLength length);

    /// <summary>Opens a room of one for the student's next marathon step, starting shortly.</summary>
    [Alias("NextStep")]
    Task<Reply<MarathonStepRoom>> NextStep(string playerId);

    /// <summary>Every heat of the running round as its room has it now; null when no round runs.</summary>
    [Alias("Live")]
    Task<Reply<LiveRound?>> Live(string instructorKeyHash);

    /// <summary>The creator or a co-instructor, by their player, replaces the instructor key: the old one stops working.</summary>
    [Alias("RotateKey")]
    Task<Outcome> RotateKey(string playerId, string newKeyHash);

    /// <summary>Makes a student a co-instructor, who may then rotate the key with their own player.</summary>
    [Alias("AddInstructor")]
    Task<Outcome> AddInstructor(string instructorKeyHash, string playerId);

    /// <summary>An instructor imports a guide to the cohort (saved under a new id, owned by the cohort's creator).</summary>
    [Alias("AddGuide")]
    Task<Reply<CohortGuide>> AddGuide(string instructorKeyHash, ImportedGuide guide);

    /// <summary>
    /// "Race the class": the median run of the passage (its first paragraph's id and length class) among the students'
    /// finished, unflagged runs in the cohort's rounds. For the cohort's students and instructors.
    /// </summary>
    [Alias("ClassRun")]
    Task<Reply<ClassRun>> ClassRun(string playerId, string firstParagraphId, PassageLength length);

    /// <summary>A heat's room finished its race. One-way: the room does not wait for the cohort.</summary>
    [OneWay, Alias("HeatFinished")]
    Task HeatFinished(HeatRef heat, RaceCompleted race);
}

/// <summary>
/// Which round of which cohort's competition a room's race is a heat of; for a marathon step, the competition is
/// <see cref="MarathonId"/> and the round is the step.
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.HeatRef")]
public sealed record HeatRef(
    [property: Id(0)] string CohortCode,
    [property: Id(1)] string CompetitionId,
    [property: Id(2)] int Round,
    [property: Id(3)] int Heat)
{
    public const string MarathonId = "marathon";
}

public enum RoundState
{
    Pending,
    Running,
    Done,
    Aborted,
}

[GenerateSerializer, Immutable, Alias("TypingRace.CohortView")]
public sealed record CohortView(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] int HeatSize,
    [property: Id(3)] CohortMember[] Members,
    [property: Id(4)] CompetitionView[] Competitions,
    [property: Id(5)] CohortYou? You,
    [property: Id(6)] MarathonView? Marathon = null,
    [property: Id(7)] string[]? Instructors = null,
    [property: Id(8)] CohortGuide[]? Guides = null);

/// <summary>A guide an instructor imported to the cohort: its members race it in rounds and the marathon.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.CohortGuide")]
public sealed record CohortGuide(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int ParagraphCount,
    [property: Id(3)] DateTimeOffset AddedAt);

/// <summary>The running round, heat by heat, live.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.LiveRound")]
public sealed record LiveRound(
    [property: Id(0)] string CompetitionId,
    [property: Id(1)] int Round,
    [property: Id(2)] LiveHeat[] Heats);

[GenerateSerializer, Immutable, Alias("TypingRace.LiveHeat")]
public sealed record LiveHeat(
    [property: Id(0)] string RoomCode,
    [property: Id(1)] RoomPhase Phase,
    [property: Id(2)] int CharacterCount,
    [property: Id(3)] LiveRacer[] Racers);

[GenerateSerializer, Immutable, Alias("TypingRace.LiveRacer")]
public sealed record LiveRacer(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Position,
    [property: Id(3)] double Wpm,
    [property: Id(4)] double? Accuracy,
    [property: Id(5)] bool Finished);

/// <summary>A room's race as it stands, for a cohort's live view.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.HeatProgress")]
public sealed record HeatProgress(
    [property: Id(0)] RoomPhase Phase,
    [property: Id(1)] int CharacterCount,
    [property: Id(2)] RacerProgress[] Racers);

/// <param name="Progress">Every student for the instructor; only the caller for a student.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.MarathonView")]
public sealed record MarathonView(
    [property: Id(0)] string GuideId,
    [property: Id(1)] PassageLength Length,
    [property: Id(2)] MarathonStepView[] Steps,
    [property: Id(3)] StepMedian[] Median,
    [property: Id(4)] MarathonProgress[] Progress);

[GenerateSerializer, Immutable, Alias("TypingRace.MarathonStepView")]
public sealed record MarathonStepView(
    [property: Id(0)] int Index,
    [property: Id(1)] int FirstParagraphIndex,
    [property: Id(2)] int ParagraphCount,
    [property: Id(3)] string Section);

[GenerateSerializer, Immutable, Alias("TypingRace.StepMedian")]
public sealed record StepMedian(
    [property: Id(0)] int Step,
    [property: Id(1)] double Wpm,
    [property: Id(2)] double Accuracy);

[GenerateSerializer, Immutable, Alias("TypingRace.MarathonProgress")]
public sealed record MarathonProgress(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Done,
    [property: Id(3)] StepResult[] Results);

[GenerateSerializer, Immutable, Alias("TypingRace.StepResult")]
public sealed record StepResult(
    [property: Id(0)] int Step,
    [property: Id(1)] double Wpm,
    [property: Id(2)] double Accuracy,
    [property: Id(3)] long TimeMs,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] ParagraphResult[]? Paragraphs = null);

/// <summary>The cohort's median run of a passage in its rounds: the race and the student it is a ghost of.</summary>
/// <param name="Runs">How many runs of the passage the median was taken over.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.ClassRun")]
public sealed record ClassRun(
    [property: Id(0)] string RaceId,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] double Wpm,
    [property: Id(3)] int Runs);

[GenerateSerializer, Immutable, Alias("TypingRace.MarathonStepRoom")]
public sealed record MarathonStepRoom(
    [property: Id(0)] int Step,
    [property: Id(1)] string RoomCode);

[GenerateSerializer, Immutable, Alias("TypingRace.CohortMember")]
public sealed record CohortMember(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Online);

/// <param name="HeatRoomCode">The student's heat while a round runs.</param>
[GenerateSerializer, Immutable, Alias("TypingRace.CohortYou")]
public sealed record CohortYou(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] string? HeatRoomCode);

[GenerateSerializer, Immutable, Alias("TypingRace.CompetitionView")]
public sealed record CompetitionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] RoundView[] Rounds,
    [property: Id(3)] StandingView[] Standings,
    [property: Id(4)] bool Ended = false);

[GenerateSerializer, Immutable, Alias("TypingRace.RoundView")]
public sealed record RoundView(
    [property: Id(0)] int Index,
    [property: Id(1)] string GuideId,
    [property: Id(2)] int ParagraphIndex,
    [property: Id(3)] PassageLength Length,
    [property: Id(4)] RoundState State,
    [property: Id(5)] HeatView[] Heats,
    [property: Id(6)] RoundResultView[] Results);

[GenerateSerializer, Immutable, Alias("TypingRace.HeatView")]
public sealed record HeatView(
    [property: Id(0)] string RoomCode,
    [property: Id(1)] string[] PlayerIds,
    [property: Id(2)] bool Finished);

[GenerateSerializer, Immutable, Alias("TypingRace.RoundResultView")]
public sealed record RoundResultView(
    [property: Id(0)] int Place,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Heat,
    [property: Id(4)] int Points,
    [property: Id(5)] bool Finished,
    [property: Id(6)] double Wpm,
    [property: Id(7)] double Accuracy,
    [property: Id(8)] long TimeMs,
    [property: Id(9)] string[]? Flags = null);

[GenerateSerializer, Immutable, Alias("TypingRace.StandingView")]
public sealed record StandingView(
    [property: Id(0)] int Place,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] string Name,
    [property: Id(3)] int Points,
    [property: Id(4)] int Rounds,
    [property: Id(5)] double Wpm,
    [property: Id(6)] double Accuracy);
