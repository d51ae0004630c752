using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.Grains.Cohorts;

/// <summary>A cohort as stored: who is in it, the hash of its instructor key, and its competitions.</summary>
[GenerateSerializer, Alias("TypingRace.CohortState")]
public sealed class CohortState
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public string KeyHash { get; set; } = "";

    [Id(2)] public string CreatorId { get; set; } = "";

    [Id(3)] public List<CohortStudent> Students { get; set; } = [];

    [Id(4)] public List<CompetitionState> Competitions { get; set; } = [];

    [Id(5)] public MarathonState? Marathon { get; set; }

    /// <summary>Players besides the creator who may rotate the instructor key.</summary>
    [Id(6)] public List<string> CoInstructors { get; set; } = [];

    /// <summary>Guides imported to the cohort by its instructors, in the order they came.</summary>
    [Id(7)] public List<CohortGuide> Guides { get; set; } = [];

    public bool Created => KeyHash.Length > 0;
}

[GenerateSerializer, Alias("TypingRace.CohortStudent")]
public sealed class CohortStudent
{
    [Id(0)] public string PlayerId { get; set; } = "";

    [Id(1)] public string Name { get; set; } = "";

    [Id(2)] public DateTimeOffset JoinedAt { get; set; }
}

[GenerateSerializer, Alias("TypingRace.CompetitionState")]
public sealed class CompetitionState
{
    [Id(0)] public string Id { get; set; } = "";

    [Id(1)] public string Name { get; set; } = "";

    [Id(2)] public List<RoundRecord> Rounds { get; set; } = [];

    /// <summary>Ended by the instructor: its standings stand, and no round of it starts again.</summary>
    [Id(3)] public bool Ended { get; set; }
}

[GenerateSerializer, Alias("TypingRace.RoundRecord")]
public sealed class RoundRecord
{
    [Id(0)] public PassageChoice Choice { get; set; } = new("", 0, default);

    [Id(1)] public RoundState State { get; set; }

    [Id(2)] public List<HeatRecord> Heats { get; set; } = [];

    /// <summary>Set once every heat has finished: the round's places and points.</summary>
    [Id(3)] public List<RoundResultView> Results { get; set; } = [];
}

[GenerateSerializer, Alias("TypingRace.HeatRecord")]
public sealed class HeatRecord
{
    [Id(0)] public string RoomCode { get; set; } = "";

    [Id(1)] public List<string> PlayerIds { get; set; } = [];

    [Id(2)] public RaceCompleted? Race { get; set; }
}

[GenerateSerializer, Alias("TypingRace.MarathonState")]
public sealed class MarathonState
{
    [Id(0)] public string GuideId { get; set; } = "";

    [Id(1)] public PassageLength Length { get; set; }

    [Id(2)] public List<MarathonStepView> Steps { get; set; } = [];

    /// <summary>Each student's first finished race of each step.</summary>
    [Id(3)] public List<StudentStep> Results { get; set; } = [];
}

[GenerateSerializer, Alias("TypingRace.StudentStep")]
public sealed record StudentStep([property: Id(0)] string PlayerId, [property: Id(1)] StepResult Result);
