using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Engine.Players;
using TypingRace.Gateway.Identity;

namespace TypingRace.Gateway.Api;

public static class PlayerEndpoints
{
    public sealed record NameRequest(string? Name);

    public sealed record Registration(string PlayerId, string Name, string Tag, string Token);

    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder app)
    {
        var players = app.MapGroup("/api/players");
        players.MapPost("/", Register);
        players.MapGet("/me", Me).RequireAuthorization();
        players.MapPut("/me/name", Rename).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Register(NameRequest? request, IGrainFactory grains)
    {
        if (!PlayerName.TryNormalize(request?.Name, out var name, out var problem))
        {
            return ApiResults.BadRequest(ErrorCodes.InvalidName, problem);
        }

        var (playerId, secret, token) = PlayerTokens.Issue();
        var reply = await grains.GetGrain<IPlayerGrain>(playerId).Register(name, PlayerTokens.Hash(secret));
        return reply.Value is { } profile
            ? Results.Created("/api/players/me", new Registration(profile.PlayerId, profile.Name, profile.Tag, token))
            : ApiResults.BadRequest(reply.Error!);
    }

    private static async Task<IResult> Me(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IPlayerGrain>(user.PlayerId()).GetProfile() is { } profile
            ? Results.Ok(profile)
            : ApiResults.Unauthorized();

    private static async Task<IResult> Rename(NameRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var reply = await grains.GetGrain<IPlayerGrain>(user.PlayerId()).Rename(request?.Name ?? "");
        return reply.Value is { } profile ? Results.Ok(profile) : ApiResults.BadRequest(reply.Error!);
    }

    public static string PlayerId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;
}
