using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.ServiceDefaults;

/// <summary>"Admin:Key": the one secret of operators' and admins' actions. Unset, there are none.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Long enough that it cannot be guessed over HTTP.</summary>
    public const int MinimumLength = 16;

    public string? Key { get; set; }
}

/// <summary>
/// Endpoints only an operator may use. The key goes in <c>Authorization: Bearer KEY</c>, or as the password of
/// Basic authentication so that a browser asks for it (the user name is not read).
/// </summary>
public static class AdminKey
{
    public const string Policy = "admin";

    public static IHostApplicationBuilder AddAdminKey(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration.GetSection(AdminOptions.Section))
            .Validate(
                admin => string.IsNullOrWhiteSpace(admin.Key) || admin.Key.Trim().Length >= AdminOptions.MinimumLength,
                $"Admin:Key must be at least {AdminOptions.MinimumLength} characters long.")
            .ValidateOnStart();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminKeyHandler>(AdminKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AdminKeyHandler.SchemeName)
            .RequireAuthenticatedUser());
        return builder;
    }

    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(Policy);

    /// <summary>True when the two keys are equal, in a time that does not tell how much of them matched.</summary>
    internal static bool Matches(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed class AdminKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptions<AdminOptions> admin,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AdminKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (admin.Value.Key?.Trim() is not { Length: > 0 } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("No admin key is configured."));
        }

        if (GivenKey() is not { } given)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!AdminKey.Matches(given, key))
        {
            return Task.FromResult(AuthenticateResult.Fail("The admin key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, AdminKey.Policy)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"TypingRace admin\", charset=\"UTF-8\"";
        return Response.WriteAsJsonAsync(new ApiError(
            ErrorCodes.AdminKeyRequired,
            "Send the admin key (Admin:Key): 'Authorization: Bearer {key}', or as the password of Basic authentication."));
    }

    private string? GivenKey()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
