using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.LoadTest.Racing;

public static class HubErrors
{
    /// <summary>The error code of a refusal, counted by kind; "hub-error" when the server gave none.</summary>
    public static string CodeOf(HubException refusal) => RaceError.CodeInHubMessage(refusal.Message) ?? "hub-error";
}
