using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Gateway.Limits;
using TypingRace.Engine.Leaderboards;
using TypingRace.Leaderboards;

namespace TypingRace.Gateway.Api;

/// <summary>Reading the boards and a player's standing; writing happens when races end, never over REST.</summary>
public static class LeaderboardEndpoints
{
    public const int DefaultTop = 50;

    public sealed record BoardView(LeaderboardScope Scope, string? Id, LeaderboardPeriod Period, LeaderboardRanking Ranking, IReadOnlyList<LeaderboardEntry> Entries);

    public sealed record RankView(LeaderboardScope Scope, string? Id, LeaderboardPeriod Period, LeaderboardRanking Ranking, LeaderboardEntry? Entry);

    public sealed record StatsView(string PlayerId, string Name, string Tag, PlayerStats Stats);

    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/leaderboards", Top).RequireRateLimiting(RateLimits.Reads);
        app.MapGet("/api/leaderboards/rank", Rank).RequireRateLimiting(RateLimits.Reads);
        app.MapGet("/api/players/{playerId}/stats", Stats).RequireRateLimiting(RateLimits.Reads);
        app.MapGet("/api/players/{playerId}/weak-spots", WeakSpotsOf).RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    private static async Task<IResult> Top(
        string? scope, string? id, string? period, string? ranking, int? top, HttpRequest request, ClaimsPrincipal user,
        ILeaderboardStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (query, error) = ParseQuery(scope, id, period, ranking);
        if (query is null)
        {
            return ApiResults.BadRequest(error!);
        }

        if (await CohortBoardRefusal(query, request, user, grains) is { } refused)
        {
            return refused;
        }

        var count = top ?? DefaultTop;
        if (count < 1 || count > LeaderboardLimits.MaxTop)
        {
            return ApiResults.BadRequest(ErrorCodes.BadTop, $"'top' must be between 1 and {LeaderboardLimits.MaxTop}.");
        }

        var entries = await store.Top(query, count, cancellationToken);
        return Results.Ok(new BoardView(query.Scope, query.ScopeId, query.Period, query.Ranking, entries));
    }

    private static async Task<IResult> Rank(
        string? scope, string? id, string? period, string? ranking, string? playerId, HttpRequest request, ClaimsPrincipal user,
        ILeaderboardStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (query, error) = ParseQuery(scope, id, period, ranking);
        if (query is null)
        {
            return ApiResults.BadRequest(error!);
        }

        if (await CohortBoardRefusal(query, request, user, grains) is { } refused)
        {
            return refused;
        }

        if (await KnownPlayer(playerId, grains) is null)
        {
            return UnknownPlayer(playerId);
        }

        var entry = await store.RankOf(query, playerId!, cancellationToken);
        return Results.Ok(new RankView(query.Scope, query.ScopeId, query.Period, query.Ranking, entry));
    }

    private static async Task<IResult> Stats(string playerId, ILeaderboardStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await KnownPlayer(playerId, grains) is not { } profile)
        {
            return UnknownPlayer(playerId);
        }

        return Results.Ok(new StatsView(profile.PlayerId, profile.Name, profile.Tag, await store.Stats(playerId, cancellationToken)));
    }

    /// <summary>The keys the player misses most, from their recorded results (public, like the rest of their page).</summary>
    private static async Task<IResult> WeakSpotsOf(string playerId, IGrainFactory grains) =>
        await KnownPlayer(playerId, grains) is null
            ? UnknownPlayer(playerId)
            : Results.Ok(await grains.GetGrain<IPlayerGrain>(playerId).GetWeakSpots());

    /// <summary>A cohort's boards are its students' and its instructor's: a token of a student, or the instructor key.</summary>
    private static async Task<IResult?> CohortBoardRefusal(BoardQuery query, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (query.Scope != LeaderboardScope.Cohort)
        {
            return null;
        }

        var key = CohortEndpoints.KeyHash(request);
        if (key is null && user.Identity?.IsAuthenticated != true)
        {
            return Results.Json(
                new ApiError(ErrorCodes.NotAMember, "A cohort's boards are for its students and its instructor: send a student's token or the instructor key."),
                statusCode: StatusCodes.Status403Forbidden);
        }

        var reply = await grains.GetGrain<ICohortGrain>(query.ScopeId!).View(key is null ? user.PlayerId() : null, key);
        return reply.Error is { } error ? CohortEndpoints.Refused(error) : null;
    }

    private static async Task<PlayerProfile?> KnownPlayer(string? playerId, IGrainFactory grains) =>
        playerId is { Length: 32 } && playerId.All(char.IsAsciiHexDigitLower)
            ? await grains.GetGrain<IPlayerGrain>(playerId).GetProfile()
            : null;

    private static IResult UnknownPlayer(string? playerId) =>
        ApiResults.BadRequest(ErrorCodes.PlayerNotFound, $"There is no player '{playerId}'.");

    /// <summary>The board a query names, or the first thing wrong with it.</summary>
    private static (BoardQuery? Query, RaceError? Error) ParseQuery(string? scope, string? id, string? period, string? ranking)
    {
        if (ProtocolValues.Parse<LeaderboardScope>(scope) is not { } parsedScope)
        {
            return (null, new RaceError(ErrorCodes.BadScope, "'scope' must be 'global', 'guide', 'passage' or 'cohort'."));
        }

        if (parsedScope != LeaderboardScope.Global && string.IsNullOrWhiteSpace(id))
        {
            return (null, new RaceError(ErrorCodes.BadScope, $"A {scope} board needs an 'id'."));
        }

        if (ProtocolValues.Parse<LeaderboardPeriod>(period) is not { } parsedPeriod)
        {
            return (null, new RaceError(ErrorCodes.BadPeriod, "'period' must be 'daily', 'weekly' or 'allTime'."));
        }

        if (ProtocolValues.Parse<LeaderboardRanking>(ranking) is not { } parsedRanking)
        {
            return (null, new RaceError(ErrorCodes.BadRanking, "'ranking' must be 'speed' or 'accuracy'."));
        }

        return (new BoardQuery(parsedScope, parsedScope == LeaderboardScope.Global ? null : id, parsedPeriod, parsedRanking), null);
    }
}
