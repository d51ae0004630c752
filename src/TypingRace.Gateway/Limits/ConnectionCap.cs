using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// At most <see cref="LimitOptions.ConnectionsPerIp"/> hub connections from one IP. A hub connection is one long
/// request (the WebSocket), so counting the requests in flight on the hub's path counts the connections.
/// </summary>
public sealed class ConnectionCap(IOptions<LimitOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    public async Task Hold(HttpContext context, RequestDelegate next)
    {
        var limits = options.Value;
        if (!limits.Enabled)
        {
            await next(context);
            return;
        }

        var ip = RateLimits.IpOf(context);
        if (_open.AddOrUpdate(ip, 1, static (_, open) => open + 1) > limits.ConnectionsPerIp)
        {
            Release(ip);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsJsonAsync(
                new ApiError(ErrorCodes.TooManyConnections, $"At most {limits.ConnectionsPerIp} connections from one address; close one first."), context.RequestAborted);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Release(ip);
        }
    }

    private void Release(string ip)
    {
        // Removes the entry when it reaches 0, unless another request changed it meanwhile (then it retries).
        while (true)
        {
            var open = _open[ip];
            if (open > 1 ? _open.TryUpdate(ip, open - 1, open) : _open.TryRemove(new KeyValuePair<string, int>(ip, open)))
            {
                return;
            }
        }
    }
}
