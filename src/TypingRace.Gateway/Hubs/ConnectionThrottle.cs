using Microsoft.AspNetCore.SignalR;

namespace TypingRace.Gateway.Hubs;

/// <summary>
/// A token bucket for one connection's calls of one kind (key batches, room actions). SignalR runs one invocation
/// per connection at a time, so the bucket needs no lock.
/// </summary>
public sealed class ConnectionThrottle(double perSecond, int burst, TimeProvider clock)
{
    /// <summary>The connection's bucket kept under <paramref name="key"/>, made on its first call.</summary>
    public static ConnectionThrottle For(HubCallerContext connection, string key, double perSecond, int burst, TimeProvider clock)
    {
        if (connection.Items.TryGetValue(key, out var found) && found is ConnectionThrottle bucket)
        {
            return bucket;
        }

        bucket = new ConnectionThrottle(perSecond, burst, clock);
        connection.Items[key] = bucket;
        return bucket;
    }

    private double _tokens = burst;
    private long _lastRefill = clock.GetTimestamp();

    public bool TryTake()
    {
        var now = clock.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + clock.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond);
        _lastRefill = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
