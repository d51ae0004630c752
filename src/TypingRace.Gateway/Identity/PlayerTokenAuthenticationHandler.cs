using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Gateway.Api;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Identity;

/// <summary>
/// Authenticates "Bearer {playerId}.{secret}" against the player grain. SignalR's WebSocket sends the token as
/// the access_token query parameter instead of a header, so that is accepted on the hub path only.
/// </summary>
public sealed class PlayerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PlayerToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!PlayerTokens.TryParse(token, out var playerId, out var secret)
            || !await grains.GetGrain<IPlayerGrain>(playerId).VerifySecret(PlayerTokens.Hash(secret)))
        {
            return AuthenticateResult.Fail("The player token is not valid.");
        }

        // The hash, not the secret: signing out and rotating name the device by it, and a hub connection checks it again.
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, playerId), new Claim(PlayerTokens.SecretHashClaim, PlayerTokens.Hash(secret))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Response.WriteAsJsonAsync(
            new ApiError(ErrorCodes.Unauthorized, "Send a valid player token: 'Authorization: Bearer {token}' from POST /api/players."));
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // Surrounding white space is dropped, as from the header: a token pasted with a newline still works.
        var queryToken = Request.Query["access_token"].ToString().Trim();
        return Request.Path.StartsWithSegments(RaceHubRoutes.Path) && queryToken.Length > 0 ? queryToken : null;
    }
}
