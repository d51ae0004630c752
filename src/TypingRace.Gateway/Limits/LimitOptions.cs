using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// How much one client may do, in docs/security.md's numbers. A client is a player when the request carries a
/// valid token and an IP address otherwise; joins count against both. Behind a proxy the IP is the forwarded one
/// only from the configured trusted proxies (Edge:TrustedProxies), else every client shares the proxy's.
/// </summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Off only where something else in front already limits, or for a load test from one machine.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>New players and device sign-ins, per IP: a class behind one school router signs up at once.</summary>
    [Required]
    public Rate Accounts { get; set; } = new() { Burst = 100, Per = TimeSpan.FromMinutes(10) };

    /// <summary>Rooms, quick races and ghost races made.</summary>
    [Required]
    public Rate Creates { get; set; } = new() { Burst = 30, Per = TimeSpan.FromMinutes(1) };

    /// <summary>Cohorts made, guides imported or previewed.</summary>
    [Required]
    public Rate Imports { get; set; } = new() { Burst = 20, Per = TimeSpan.FromMinutes(10) };

    /// <summary>Leaderboards, player stats, races and replays read.</summary>
    [Required]
    public Rate Reads { get; set; } = new() { Burst = 300, Per = TimeSpan.FromMinutes(1) };

    /// <summary>Rooms and cohorts joined or looked up by code, per player: what guessing a code costs.</summary>
    [Required]
    public Rate JoinsPerPlayer { get; set; } = new() { Burst = 60, Per = TimeSpan.FromMinutes(1) };

    /// <summary>The same, per IP, over all its players.</summary>
    [Required]
    public Rate JoinsPerIp { get; set; } = new() { Burst = 600, Per = TimeSpan.FromMinutes(1) };

    /// <summary>Open hub connections per IP.</summary>
    [Range(1, 1_000_000)]
    public int ConnectionsPerIp { get; set; } = 100;
}

/// <summary>A token bucket: <see cref="Burst"/> at once, refilled one at a time to <see cref="Burst"/> per <see cref="Per"/>.</summary>
public sealed class Rate
{
    [Range(1, 1_000_000)]
    public int Burst { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Per { get; set; }

    public TokenBucketRateLimiterOptions Bucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = Per / Burst,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>How long until one more is allowed, for Retry-After.</summary>
    public TimeSpan Refill => Per / Burst;
}
