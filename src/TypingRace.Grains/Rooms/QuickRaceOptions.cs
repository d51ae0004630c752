using System.ComponentModel.DataAnnotations;

namespace TypingRace.Grains.Rooms;

public sealed class QuickRaceOptions
{
    public const string Section = "QuickRace";

    /// <summary>Racers a quick race starts with at once; at most Rooms:MaxMembers.</summary>
    [Range(2, 100)]
    public int Size { get; set; } = 5;

    /// <summary>From the second racer's arrival to a start with whoever is waiting.</summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one racer waits alone before racing bots.</summary>
    public TimeSpan AloneWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a matched player's room is kept for them to pick up.</summary>
    public TimeSpan MatchKept { get; set; } = TimeSpan.FromMinutes(2);
}
