using Microsoft.AspNetCore.SignalR;

namespace TypingRace.Gateway.Tests;

/// <summary>Reads the protocol's error code out of a refused hub call.</summary>
public static class HubErrors
{
    public static async Task<string> CodeOf(Task call)
    {
        var exception = await Assert.ThrowsAsync<HubException>(() => call);
        return CodeOf(exception);
    }

    /// <summary>SignalR prefixes the hub's message; the protocol's code is the part before the first colon after it.</summary>
    public static string CodeOf(HubException exception)
    {
        var message = exception.Message;
        var start = message.IndexOf("HubException: ", StringComparison.Ordinal);
        var text = start >= 0 ? message[(start + "HubException: ".Length)..] : message;
        return text[..text.IndexOf(':')];
    }
}
