using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.Gateway.Api;

namespace TypingRace.Gateway.Identity;

/// <summary>
/// A hub connection is authenticated once, when it opens, and may then last for hours. So that signing out or
/// rotating a token also ends the connections made with it, a call checks the token again when the last check is
/// older than <see cref="Interval"/>; a revoked token's connection is closed, and reconnecting with it gets a 401.
/// </summary>
public sealed class TokenRecheck(IGrainFactory grains, TimeProvider clock) : IHubFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private const string CheckedAtKey = "token-checked-at";

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[CheckedAtKey] = clock.GetTimestamp();
        return next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = invocationContext.Context;
        var now = clock.GetTimestamp();
        var due = !connection.Items.TryGetValue(CheckedAtKey, out var found) || found is not long checkedAt || clock.GetElapsedTime(checkedAt, now) >= Interval;
        if (due)
        {
            var user = connection.User!;
            if (!await grains.GetGrain<IPlayerGrain>(user.PlayerId()).VerifySecret(user.SecretHash()))
            {
                connection.Abort();
                throw new HubException(new RaceError(ErrorCodes.Unauthorized, "This token was signed out or replaced; sign in again.").ToString());
            }

            connection.Items[CheckedAtKey] = now;
        }

        return await next(invocationContext);
    }
}
