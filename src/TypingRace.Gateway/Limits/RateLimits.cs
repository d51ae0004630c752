using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// The REST rate limits (ASP.NET Core's rate limiter, one policy per kind of request) and the join limit the hub
/// shares with REST. A refusal is <c>429 rate-limited</c> with Retry-After, in the error envelope.
/// </summary>
public static class RateLimits
{
    public const string Accounts = "accounts", Creates = "creates", Imports = "imports", Reads = "reads";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LimitOptions>().Bind(builder.Configuration.GetSection(LimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JoinLimiter>();
        services.AddSingleton<ConnectionCap>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, ct) => new ValueTask(Refuse(context.HttpContext, context.Lease, ct));
            limiter.AddPolicy(Accounts, context => Partition(limits, limits.Accounts, $"ip:{IpOf(context)}"));
            limiter.AddPolicy(Creates, context => Partition(limits, limits.Creates, ClientOf(context)));
            limiter.AddPolicy(Imports, context => Partition(limits, limits.Imports, ClientOf(context)));
            limiter.AddPolicy(Reads, context => Partition(limits, limits.Reads, ClientOf(context)));
        });
        return builder;
    }

    /// <summary>After authentication, so a signed-in client is counted as its player.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>A lookup or join by code: counted per player and per IP, with the hub's JoinRoom.</summary>
    public static RouteHandlerBuilder RequireJoinBudget(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Items[JoinPaidKey] = true;
            return http.RequestServices.GetRequiredService<JoinLimiter>().TryJoin(http)
                ? await next(context)
                : Results.Json(JoinLimiter.Refusal, statusCode: StatusCodes.Status429TooManyRequests);
        });

    /// <summary>Every refusal of these endpoints that tells whether a code is in use costs a join (see <see cref="JoinLimiter.Probed"/>).</summary>
    public static TBuilder ChargeCodeProbes<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            return result is not IValueHttpResult { Value: ApiError refusal } || http.Items.ContainsKey(JoinPaidKey)
                || http.RequestServices.GetRequiredService<JoinLimiter>().MayTell(http, refusal.Code)
                ? result
                : Results.Json(JoinLimiter.Refusal, statusCode: StatusCodes.Status429TooManyRequests);
        });

    private const string JoinPaidKey = "join-paid";

    /// <summary>
    /// The client's address as the limits count it: an IPv6 client by its /64, since one machine is usually given
    /// a whole /64 and could otherwise take a new address for every request.
    /// </summary>
    public static string IpOf(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => Slash64(v6),
        var v4 => v4.ToString(),
    };

    private static string Slash64(System.Net.IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new System.Net.IPAddress(bytes)}/64";
    }

    public static string? PlayerOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private static string ClientOf(HttpContext context) => PlayerOf(context) is { } player ? $"player:{player}" : $"ip:{IpOf(context)}";

    private static RateLimitPartition<string> Partition(LimitOptions limits, Rate rate, string client) =>
        limits.Enabled ? RateLimitPartition.GetTokenBucketLimiter(client, _ => rate.Bucket()) : RateLimitPartition.GetNoLimiter("");

    private static async Task Refuse(HttpContext context, RateLimitLease lease, CancellationToken ct)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsJsonAsync(new ApiError(ErrorCodes.RateLimited, "Too many requests of this kind; wait a moment and try again (see Retry-After)."), ct);
    }
}
