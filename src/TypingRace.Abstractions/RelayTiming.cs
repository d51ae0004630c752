using Orleans.Runtime;

namespace TypingRace.Abstractions;

/// <summary>
/// When a key batch reached a gateway, carried to the room in the call's <see cref="RequestContext"/> rather than
/// in <see cref="KeyBatch"/>, which clients send. The room passes the oldest such time on with the frame that shows
/// those keys, and every gateway that sends the frame on measures the relay latency from it.
/// </summary>
/// <remarks>Times are UTC ticks of the gateways' clocks; across machines the figure includes their clock skew.</remarks>
public static class RelayTiming
{
    private const string KeysArrivedAt = "typingrace-keys-arrived";

    /// <summary>Runs a room call with the time its keys arrived attached.</summary>
    public static async Task<T> Stamped<T>(DateTimeOffset arrivedAt, Func<Task<T>> call)
    {
        RequestContext.Set(KeysArrivedAt, arrivedAt.UtcTicks);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(KeysArrivedAt);
        }
    }

    /// <summary>When the keys of the call being served arrived at a gateway; 0 for keys no gateway relayed (bots').</summary>
    public static long ArrivedAt() => RequestContext.Get(KeysArrivedAt) is long ticks ? ticks : 0;

    /// <summary>The older of two arrival times, 0 meaning none.</summary>
    public static long Oldest(long a, long b) => a == 0 ? b : b == 0 ? a : Math.Min(a, b);
}
