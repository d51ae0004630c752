using TypingRace.Abstractions;
using TypingRace.Gateway.Limits;

namespace TypingRace.Gateway.Api;

/// <summary>A finished race by its id (docs/protocol.md, "Races"): its one record, and the proof of it from its key logs.</summary>
public static class RaceEndpoints
{
    public static IEndpointRouteBuilder MapRaceEndpoints(this IEndpointRouteBuilder app)
    {
        var races = app.MapGroup("/api/races");
        races.MapGet("/{raceId}", Get).RequireRateLimiting(RateLimits.Reads);
        races.MapGet("/{raceId}/verify", Verify).RequireRateLimiting(RateLimits.Reads);
        races.MapGet("/{raceId}/replay", Replay).RequireRateLimiting(RateLimits.Reads);

        // What each fair-play flag means, in plain words, with the thresholds the silos judge by.
        app.MapGet("/api/fair-play", async (IGrainFactory grains) => Results.Ok(new { flags = await grains.GetGrain<IFairPlayGrain>(0).Rules() }));
        return app;
    }

    private static async Task<IResult> Get(string raceId, IGrainFactory grains) =>
        IsRaceId(raceId) && await grains.GetGrain<IRaceGrain>(raceId).Get() is { } race
            ? Results.Ok(race)
            : NotFound(raceId);

    private static async Task<IResult> Verify(string raceId, IGrainFactory grains) =>
        IsRaceId(raceId) && await grains.GetGrain<IRaceGrain>(raceId).Verify() is { } check
            ? Results.Ok(check)
            : NotFound(raceId);

    private static async Task<IResult> Replay(string raceId, IGrainFactory grains) =>
        (IsRaceId(raceId) ? await grains.GetGrain<IRaceGrain>(raceId).Replay() : null) switch
        {
            null => NotFound(raceId),
            { Value: { } replay } => Results.Ok(replay),
            // Pending passes within moments; unavailable stays (keys lost with a silo, or the guide changed).
            { Error: { } error } => Results.Json(new ApiError(error.Code, error.Message), statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(raceId),
        };

    /// <summary>Race ids are 32 lower-case hex digits; anything else is not looked up at all.</summary>
    private static bool IsRaceId(string raceId) => raceId.Length == 32 && raceId.All(char.IsAsciiHexDigitLower);

    private static IResult NotFound(string raceId) => ApiResults.NotFound(ErrorCodes.RaceNotFound, $"There is no finished race '{raceId}'.");
}
