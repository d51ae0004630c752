using System.ComponentModel.DataAnnotations;

namespace TypingRace.Grains.Results;

public sealed class LeaderboardOptions
{
    public const string Section = "Leaderboards";

    /// <summary>Results waiting for the store during an outage; beyond this the oldest are dropped (and counted).</summary>
    [Range(1, 10_000_000)]
    public int RetryQueueCapacity { get; set; } = 100_000;

    /// <summary>How long one write may take before the result goes to the retry queue.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);
}
