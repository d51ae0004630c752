using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// Looking up or joining a room or a cohort by its code, over REST or the hub. Each costs one from the player's
/// bucket and one from the IP's, so guessing codes is slow however many players one machine makes.
/// </summary>
public sealed class JoinLimiter : IDisposable
{
    public static readonly ApiError Refusal = new(ErrorCodes.RateLimited, "Too many rooms or cohorts looked up or joined; wait a moment and try again.");

    private readonly PartitionedRateLimiter<(string Ip, string? Player)> _limiter;

    public JoinLimiter(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            // The player's first: a join its own bucket refuses costs the IP's other players nothing.
            PartitionedRateLimiter.Create<(string Ip, string? Player), string>(caller => limits.Enabled && caller.Player is { } player
                ? RateLimitPartition.GetTokenBucketLimiter(player, _ => limits.JoinsPerPlayer.Bucket())
                : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<(string Ip, string? Player), string>(caller => limits.Enabled
                ? RateLimitPartition.GetTokenBucketLimiter(caller.Ip, _ => limits.JoinsPerIp.Bucket())
                : RateLimitPartition.GetNoLimiter("")));
    }

    public bool TryJoin(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire((RateLimits.IpOf(context), RateLimits.PlayerOf(context)));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
