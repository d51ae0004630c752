using System.ComponentModel.DataAnnotations;

namespace TypingRace.Grains.Cohorts;

public sealed class CohortOptions
{
    public const string Section = "Cohorts";

    /// <summary>Racers of one heat; at most Rooms:MaxMembers, since a heat is a room.</summary>
    [Range(1, 100)]
    public int HeatSize { get; set; } = 5;

    /// <summary>Students per cohort.</summary>
    [Range(1, 100_000)]
    public int MaxMembers { get; set; } = 500;

    /// <summary>Guides imported to one cohort.</summary>
    [Range(0, 1_000)]
    public int MaxGuides { get; set; } = 50;

    /// <summary>A student whose cohort page has not been heard from for this long is offline.</summary>
    public TimeSpan OnlineWindow { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>From starting a round to its heats' start: time for students' pages to take them to their heat.</summary>
    public TimeSpan RoundCountdown { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>From asking for a marathon step to its start: time to reach the room.</summary>
    public TimeSpan StepCountdown { get; set; } = TimeSpan.FromSeconds(3);
}
