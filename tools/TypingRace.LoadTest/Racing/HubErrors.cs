using Microsoft.AspNetCore.SignalR;

namespace TypingRace.LoadTest.Racing;

public static class HubErrors
{
    private const string Marker = "HubException: ";

    /// <summary>
    /// The error code of a refusal: SignalR puts its own sentence first, then "HubException: code: message"
    /// (docs/protocol.md, Errors).
    /// </summary>
    public static string CodeOf(HubException refusal)
    {
        var message = refusal.Message;
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        var rest = start < 0 ? message : message[(start + Marker.Length)..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        return end > 0 ? rest[..end] : "hub-error";
    }
}
