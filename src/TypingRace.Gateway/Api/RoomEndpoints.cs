using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Engine.Rooms;
using TypingRace.Gateway.Limits;

namespace TypingRace.Gateway.Api;

public static class RoomEndpoints
{
    public sealed record CreateRoomRequest(string? GuideId, int? ParagraphIndex, string? Length);

    public sealed record CreatedRoom(string Code, string Link, RoomView Room);

    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var rooms = app.MapGroup("/api/rooms");
        rooms.MapPost("/", Create).RequireAuthorization().RequireRateLimiting(RateLimits.Creates);
        rooms.MapGet("/{code}", Get).ChargeCodeProbes();
        return app;
    }

    private static async Task<IResult> Create(CreateRoomRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!ProtocolValues.TryParseLength(request?.Length, out var length))
        {
            return ApiResults.BadRequest(ProtocolValues.BadLength);
        }

        var profile = await grains.GetGrain<IPlayerGrain>(user.PlayerId()).GetProfile();
        if (profile is null)
        {
            return ApiResults.Unauthorized();
        }

        var choice = new PassageChoice(request!.GuideId ?? "", request.ParagraphIndex ?? 0, length);
        RoomView? view = null;
        var (code, refusal) = await FreshCodes.Claim(RoomCode.NewCode, ErrorCodes.RoomExists, async candidate =>
        {
            var reply = await grains.GetGrain<IPlayerGrain>(profile.PlayerId).EnterRoom(candidate, choice);
            view = reply.Value;
            return reply.Error;
        });
        if (code is null)
        {
            return refusal is null
                ? ApiResults.NoFreeCode(ErrorCodes.RoomExists, "room code")
                : ApiResults.BadRequest(refusal);
        }

        var link = $"/r/{code}";
        return Results.Created(link, new CreatedRoom(code, link, view!));
    }

    private static async Task<IResult> Get(string code, IGrainFactory grains)
    {
        if (!RoomCode.TryNormalize(code, out var room))
        {
            return ApiResults.BadRequest(ProtocolValues.BadRoomCode);
        }

        return await grains.GetGrain<IRoomGrain>(room).GetView() is { } view
            ? Results.Ok(view with { Passage = view.Passage with { Text = null } })
            : ApiResults.NotFound(ErrorCodes.RoomNotFound, $"No room has the code {room}.");
    }
}
