using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Edge;

/// <summary>
/// A browser sends its page's origin when it opens a WebSocket, and the WebSocket is not bound by the same-origin
/// rule: without this check a page on any site could open the hub with a token it got hold of. Clients that are not
/// browsers send no origin and are not checked; they hold the token themselves.
/// </summary>
public sealed class OriginCheck(IOptions<EdgeOptions> options)
{
    private readonly Uri[] _allowed = [.. options.Value.Origins()];

    public async Task Hold(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || Allowed(origin, context.Request.Host))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(
            new ApiError(ErrorCodes.OriginNotAllowed, "Pages on other sites may not connect to this server's hub."), context.RequestAborted);
    }

    /// <summary>
    /// Same origin is the host the request came to (its Host header, which nginx and ingresses pass on) and its port
    /// when the Host header names one: nginx's $host drops the port. The scheme is the origin's own, since a proxy
    /// that ends TLS forwards plain HTTP.
    /// </summary>
    private bool Allowed(string origin, HostString host)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }

        var own = string.Equals(from.Host, host.Host, StringComparison.OrdinalIgnoreCase) && (host.Port is null || host.Port == from.Port);
        return own || _allowed.Any(allowed => allowed.Scheme == from.Scheme && string.Equals(allowed.Host, from.Host, StringComparison.OrdinalIgnoreCase) && allowed.Port == from.Port);
    }
}
