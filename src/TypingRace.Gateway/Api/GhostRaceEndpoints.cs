using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Gateway.Limits;
using TypingRace.Engine.Rooms;

namespace TypingRace.Gateway.Api;

/// <summary>Ghost races (docs/protocol.md, "Ghost races"): race your best, your class, or a replay's racers.</summary>
public static class GhostRaceEndpoints
{
    /// <param name="Kind">"best", "class" or "replay".</param>
    /// <param name="Room">Seat the ghosts in this room, which the caller hosts; omitted, a new room opens.</param>
    public sealed record GhostRaceRequest(
        string? Kind, string? Room, string? GuideId, int? ParagraphIndex, string? Length, string? RaceId, string[]? Players, string? Cohort);

    public sealed record GhostRaceOpened(string Code, string Link, string[] Ghosts);

    public static IEndpointRouteBuilder MapGhostRaceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ghost-races", Open).RequireAuthorization().RequireRateLimiting(RateLimits.Creates);
        return app;
    }

    private static async Task<IResult> Open(GhostRaceRequest? body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (ProtocolValues.Parse<GhostKind>(body?.Kind) is not { } kind)
        {
            return ApiResults.BadRequest(ErrorCodes.BadGhostRace, "The kind must be 'best', 'class' or 'replay'.");
        }

        string? room = null;
        if (body!.Room is { } raw && !RoomCode.TryNormalize(raw, out room))
        {
            return ApiResults.BadRequest(ProtocolValues.BadRoomCode);
        }

        string? cohort = null;
        if (body.Cohort is { } rawCohort && !RoomCode.TryNormalize(rawCohort, out cohort))
        {
            return ApiResults.NotFound(ErrorCodes.CohortNotFound, $"There is no cohort {rawCohort}.");
        }

        PassageChoice? passage = null;
        if (body.GuideId is { } guideId)
        {
            if (!ProtocolValues.TryParseLength(body.Length, out var length))
            {
                return ApiResults.BadRequest(ProtocolValues.BadLength);
            }

            passage = new PassageChoice(guideId, body.ParagraphIndex ?? 0, length);
        }

        var reply = await grains.GetGrain<IGhostRaceGrain>(0).Open(
            user.PlayerId(), new GhostRequest(kind, room, passage, body.RaceId, body.Players, cohort));
        if (reply.Value is not { } opened)
        {
            var error = reply.Error!;
            return error.Code switch
            {
                ErrorCodes.RaceNotFound or ErrorCodes.NoRunYet or ErrorCodes.CohortNotFound => ApiResults.NotFound(error.Code, error.Message),
                // As for a replay: pending passes within moments, unavailable stays.
                ErrorCodes.ReplayPending or ErrorCodes.ReplayUnavailable => Results.Json(new ApiError(error.Code, error.Message), statusCode: StatusCodes.Status409Conflict),
                _ => ApiResults.BadRequest(error),
            };
        }

        var link = $"/r/{opened.RoomCode}";
        return Results.Ok(new GhostRaceOpened(opened.RoomCode, link, opened.Ghosts));
    }
}
