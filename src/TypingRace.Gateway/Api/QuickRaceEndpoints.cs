using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Gateway.Limits;
using TypingRace.Gateway.Identity;
using TypingRace.Leaderboards;

namespace TypingRace.Gateway.Api;

/// <summary>Quick race (docs/protocol.md): the next public race of a length class, with whoever is waiting.</summary>
public static class QuickRaceEndpoints
{
    // Bots at the player's speed are a nicety; a slow board must not hold up joining the queue.
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    public sealed record QuickRaceRequest(string? Length, bool? Bots);

    public static IEndpointRouteBuilder MapQuickRaceEndpoints(this IEndpointRouteBuilder app)
    {
        var quick = app.MapGroup("/api/quick-race").RequireAuthorization();
        quick.MapPost("/", Join).RequireRateLimiting(RateLimits.Creates);
        quick.MapGet("/", (string? length, ClaimsPrincipal user, IGrainFactory grains) =>
            Queue(length, grains, async queue => Results.Ok(await queue.Status(user.PlayerId()))));
        quick.MapDelete("/", (string? length, ClaimsPrincipal user, IGrainFactory grains) =>
            Queue(length, grains, async queue =>
            {
                await queue.Leave(user.PlayerId());
                return Results.NoContent();
            }));
        return app;
    }

    private static Task<IResult> Join(QuickRaceRequest? body, ClaimsPrincipal user, IGrainFactory grains, ILeaderboardStore boards, CancellationToken cancellationToken) =>
        Queue(body?.Length, grains, async queue =>
        {
            if (await grains.GetGrain<IPlayerGrain>(user.PlayerId()).GetProfile() is not { } profile)
            {
                return ApiResults.Unauthorized();
            }

            var reply = await queue.Join(new PlayerCard(profile.PlayerId, profile.Name), body?.Bots ?? false, await AverageWpm(boards, profile.PlayerId, cancellationToken));
            return reply.Value is { } view ? Results.Ok(view) : ApiResults.BadRequest(reply.Error!);
        });

    private static async Task<IResult> Queue(string? length, IGrainFactory grains, Func<IQuickRaceGrain, Task<IResult>> call) =>
        ProtocolValues.TryParseLength(length, out var parsed)
            ? await call(grains.GetGrain<IQuickRaceGrain>(parsed.ToString().ToLowerInvariant()))
            : ApiResults.BadRequest(ProtocolValues.BadLength);

    private static async Task<double?> AverageWpm(ILeaderboardStore boards, string playerId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StatsTimeout);
        try
        {
            return (await boards.Stats(playerId, timeout.Token)).RecentAverageWpm;
        }
        catch (Exception exception) when (exception is OperationCanceledException or StackExchange.Redis.RedisException)
        {
            return null;
        }
    }
}
