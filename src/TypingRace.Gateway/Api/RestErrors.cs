using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TypingRace.Abstractions;
using TypingRace.Gateway.Hubs;

namespace TypingRace.Gateway.Api;

/// <summary>
/// Gives the refusals ASP.NET Core makes on its own (a body it cannot read, no endpoint, a wrong method or media type,
/// a body or headers too large) the same <c>{ code, message }</c> body as every refusal of ours, so a client
/// handles one shape. An endpoint's own refusals already have a body and pass through untouched.
/// </summary>
public static class RestErrors
{
    /// <summary>The largest request body; a guide import is the biggest body and stays under 2 MB even when escaped.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>Headers over this get <c>headers-too-large</c> from us; over Kestrel's own limit (twice this) Kestrel closes the connection.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    private static readonly Dictionary<int, ApiError> ByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = new(ErrorCodes.BadRequest, "The request could not be read: the body is not JSON of the documented shape, or a value has the wrong type."),
        [StatusCodes.Status401Unauthorized] = new(ErrorCodes.Unauthorized, "Send a valid player token: 'Authorization: Bearer {token}' from POST /api/players."),
        [StatusCodes.Status404NotFound] = new(ErrorCodes.NotFound, "Nothing is served at this path; docs/protocol.md lists the API."),
        [StatusCodes.Status405MethodNotAllowed] = new(ErrorCodes.MethodNotAllowed, "This path does not take that method; docs/protocol.md lists the methods."),
        [StatusCodes.Status413PayloadTooLarge] = new(ErrorCodes.BodyTooLarge, $"The request body is over {MaxBodyBytes / 1024 / 1024} MB."),
        [StatusCodes.Status415UnsupportedMediaType] = new(ErrorCodes.UnsupportedMediaType, "Send the body as JSON, with 'Content-Type: application/json'."),
        [StatusCodes.Status429TooManyRequests] = new(ErrorCodes.RateLimited, "Too many requests; wait a moment and try again."),
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = new(ErrorCodes.HeadersTooLarge, $"The request headers are over {MaxHeaderBytes / 1024} KB."),
        [StatusCodes.Status503ServiceUnavailable] = new(ErrorCodes.Unavailable, "This server is shutting down or cannot reach what it needs; try again in a moment."),
    };

    public static void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
    }

    public static IApplicationBuilder UseRestErrors(this IApplicationBuilder app)
    {
        // A fault still gets the envelope (and, answered here rather than by Kestrel, the security headers).
        // The middleware logs the exception itself.
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var fault = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var unavailable = fault is not null && ClusterFaultFilter.IsClusterFault(fault);
            context.Response.StatusCode = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(
                unavailable
                    ? new ApiError(ErrorCodes.Unavailable, "The game's servers did not answer in time; try again in a moment.")
                    : new ApiError(ErrorCodes.InternalError, "Something went wrong on our side; try again."),
                context.RequestAborted);
        }));

        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var error = ByStatus.GetValueOrDefault(response.StatusCode)
                ?? new ApiError(response.StatusCode < 500 ? ErrorCodes.BadRequest : ErrorCodes.Unavailable, $"Refused with HTTP {response.StatusCode}.");
            await response.WriteAsJsonAsync(error, context.HttpContext.RequestAborted);
        });

        app.Use(async (context, next) =>
        {
            if (HeaderBytes(context.Request.Headers) > MaxHeaderBytes)
            {
                context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
                return;
            }

            await next(context);
        });
        return app;
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }

        return total;
    }
}
