using System.Security.Claims;
using TypingRace.Abstractions;
using TypingRace.Engine.Players;
using TypingRace.Gateway.Identity;
using TypingRace.Gateway.Limits;

namespace TypingRace.Gateway.Api;

public static class PlayerEndpoints
{
    public sealed record NameRequest(string? Name);

    public sealed record Registration(string PlayerId, string Name, string Tag, string Token)
    {
        /// <summary>The player, with the token its new secret makes.</summary>
        public static Registration For(PlayerProfile profile, string secret) =>
            new(profile.PlayerId, profile.Name, profile.Tag, PlayerTokens.Token(profile.PlayerId, secret));
    }

    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder app)
    {
        var players = app.MapGroup("/api/players");
        players.MapPost("/", Register).RequireRateLimiting(RateLimits.Accounts);
        players.MapGet("/me", Me).RequireAuthorization();
        players.MapPut("/me/name", Rename).RequireAuthorization();
        players.MapPost("/me/device-code", IssueDeviceCode).RequireAuthorization().RequireRateLimiting(RateLimits.Creates);
        players.MapPost("/device", SignInWithCode).RequireRateLimiting(RateLimits.Accounts);
        players.MapPost("/me/token", Rotate).RequireAuthorization().RequireRateLimiting(RateLimits.Accounts);
        players.MapPost("/me/sign-out-everywhere", SignOutEverywhere).RequireAuthorization().RequireRateLimiting(RateLimits.Accounts);
        players.MapDelete("/me/token", SignOut).RequireAuthorization();
        return app;
    }

    /// <summary>How long a device code works: long enough to pick up the other device, short enough to leak little.</summary>
    public static readonly TimeSpan DeviceCodeLifetime = TimeSpan.FromMinutes(10);

    private const int DeviceCodeLength = 8;

    public sealed record DeviceCode(string Code, DateTimeOffset ExpiresAt);

    public sealed record DeviceCodeRequest(string? Code);

    private static async Task<IResult> IssueDeviceCode(ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        var expiresAt = clock.GetUtcNow() + DeviceCodeLifetime;
        var (code, _) = await FreshCodes.Claim(
            () => System.Security.Cryptography.RandomNumberGenerator.GetString(Engine.Rooms.RoomCode.Alphabet, DeviceCodeLength),
            ErrorCodes.BadDeviceCode,
            async candidate => (await grains.GetGrain<IDeviceCodeGrain>(candidate).Issue(user.PlayerId(), user.SecretHash(), expiresAt)).Error);
        return code is null
            ? ApiResults.NoFreeCode(ErrorCodes.BadDeviceCode, "device code")
            : Results.Created("/api/players/device", new DeviceCode(code, expiresAt));
    }

    /// <summary>A new device of the same player: it gets a token of its own, so signing it out never signs out the first.</summary>
    private static async Task<IResult> SignInWithCode(DeviceCodeRequest? request, IGrainFactory grains, TimeProvider clock)
    {
        var code = (request?.Code ?? "").Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != DeviceCodeLength || !code.All(Engine.Rooms.RoomCode.Alphabet.Contains))
        {
            return ApiResults.BadRequest(ErrorCodes.BadDeviceCode, $"A device code is {DeviceCodeLength} letters and digits, as the other device shows it.");
        }

        var redeemed = await grains.GetGrain<IDeviceCodeGrain>(code).Redeem(clock.GetUtcNow());
        if (redeemed.Value is not { } grant)
        {
            return ApiResults.BadRequest(redeemed.Error!);
        }

        var secret = PlayerTokens.NewSecret();
        var added = await grains.GetGrain<IPlayerGrain>(grant.PlayerId).AddDevice(PlayerTokens.Hash(secret), grant.IssuerSecretHash);
        return added.Value is { } profile
            ? Results.Ok(Registration.For(profile, secret))
            : ApiResults.BadRequest(added.Error!);
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

    /// <summary>A new token for this device; the one it was called with stops working.</summary>
    private static Task<IResult> Rotate(ClaimsPrincipal user, IGrainFactory grains) =>
        NewToken(user, grains, (player, current, next) => player.ReplaceSecret(current, next));

    /// <summary>Every token of the player stops working; this device gets a new one, so it stays signed in.</summary>
    private static Task<IResult> SignOutEverywhere(ClaimsPrincipal user, IGrainFactory grains) =>
        NewToken(user, grains, (player, current, next) => player.RevokeAllSecrets(current, next));

    private static async Task<IResult> SignOut(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IPlayerGrain>(user.PlayerId()).RemoveSecret(user.SecretHash()) ? Results.NoContent() : ApiResults.Unauthorized();

    private static async Task<IResult> NewToken(ClaimsPrincipal user, IGrainFactory grains, Func<IPlayerGrain, string, string, Task<bool>> replace)
    {
        var player = grains.GetGrain<IPlayerGrain>(user.PlayerId());
        var secret = PlayerTokens.NewSecret();
        return await replace(player, user.SecretHash(), PlayerTokens.Hash(secret)) && await player.GetProfile() is { } profile
            ? Results.Ok(Registration.For(profile, secret))
            : ApiResults.Unauthorized();
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

    public static string SecretHash(this ClaimsPrincipal user) => user.FindFirstValue(PlayerTokens.SecretHashClaim)!;
}
