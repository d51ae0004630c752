using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Limits;

/// <summary>
/// A hub call on a room the caller is not in says room-not-found or not-in-room, which tells a guesser whether the
/// code is in use: each such refusal costs a join, as JoinRoom does (JoinLimiter.Probed).
/// </summary>
public sealed class ProbeBudget(JoinLimiter joins) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal) when (invocationContext.HubMethodName != nameof(Hubs.RaceHub.JoinRoom)
            && RaceError.CodeInHubMessage(refusal.Message) is { } code
            && !joins.MayTell(invocationContext.Context.GetHttpContext()!, code))
        {
            throw new HubException(JoinLimiter.HubRefusal.ToString());
        }
    }
}
