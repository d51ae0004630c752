using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// Looking up or joining a room or a cohort by its code, over REST or the hub. Each join, and each refusal that
/// tells whether a code is in use (see <see cref="TellsOfACode"/>), costs one from the player's bucket and one from
/// the IP's, so guessing codes is slow however many players one machine makes and whichever call it guesses with.
/// </summary>
public sealed class JoinLimiter : IDisposable
{
    public static readonly ApiError Refusal = new(ErrorCodes.RateLimited, "Too many rooms or cohorts looked up or joined; wait a moment and try again.");

    /// <summary><see cref="Refusal"/> as the hub and the grains' replies carry it.</summary>
    public static readonly RaceError HubRefusal = new(Refusal.Code, Refusal.Message);

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

    /// <summary>"No such room" and "not yours" tell a guesser which codes are in use, whatever the call was.</summary>
    public static bool TellsOfACode(string code) => code is ErrorCodes.RoomNotFound or ErrorCodes.NotInRoom
        or ErrorCodes.CohortNotFound or ErrorCodes.NotAMember or ErrorCodes.InstructorKeyRequired;

    /// <summary>
    /// A refusal that tells of a code costs a join; with none left, the caller learns only that it is limited, not
    /// whether the code was in use. Joins pay before they ask, so they are not passed here.
    /// </summary>
    public RaceError Probed(HttpContext context, RaceError refusal) =>
        MayTell(context, refusal.Code) ? refusal : HubRefusal;

    /// <summary>Whether a refusal with <paramref name="code"/> may reach the caller as it is, paying for it if it tells of a code.</summary>
    public bool MayTell(HttpContext context, string code) => !TellsOfACode(code) || TryJoin(context);

    public bool TryJoin(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire((RateLimits.IpOf(context), RateLimits.PlayerOf(context)));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
