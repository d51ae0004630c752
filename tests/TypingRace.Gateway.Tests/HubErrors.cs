using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>Reads the protocol's error code out of a refused hub call.</summary>
public static class HubErrors
{
    public static async Task<string> CodeOf(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call);
        return CodeOf(exception);
    }

    public static string CodeOf(HubException exception) =>
        RaceError.CodeInHubMessage(exception.Message) ?? throw new InvalidOperationException($"No error code in: {exception.Message}");
}
