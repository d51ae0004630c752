namespace TypingRace.Engine.Races;

/// <summary>A stretch of server time that does not count: the room was down and nobody could type.</summary>
public readonly record struct ClockPause(DateTimeOffset From, TimeSpan Length)
{
    public DateTimeOffset Until => From + Length;
}

/// <summary>
/// A race's clock: the start, the time limit, and the pauses an outage put in it. Race time is server time less
/// the pauses before it, so an outage costs nobody speed, time or idleness.
/// </summary>
public sealed record RaceClock(DateTimeOffset Start, TimeSpan Limit, IReadOnlyList<ClockPause> Pauses)
{
    public static RaceClock Unpaused(DateTimeOffset start, TimeSpan limit) => new(start, limit, []);

    public TimeSpan Paused => Pauses.Aggregate(TimeSpan.Zero, (sum, pause) => sum + pause.Length);

    /// <summary>The server time the limit runs out, later by every pause.</summary>
    public DateTimeOffset EndsAt => Start + Limit + Paused;

    /// <summary>The moment on the race's own timeline that <paramref name="serverTime"/> stands for.</summary>
    public DateTimeOffset RaceTime(DateTimeOffset serverTime)
    {
        var time = serverTime;
        foreach (var pause in Pauses)
        {
            if (serverTime >= pause.Until)
            {
                time -= pause.Length;
            }
            else if (serverTime > pause.From)
            {
                time -= serverTime - pause.From;
            }
        }

        return time;
    }

    /// <summary>Race time since the start; negative during the countdown.</summary>
    public TimeSpan Elapsed(DateTimeOffset serverTime) => RaceTime(serverTime) - Start;

    /// <summary>
    /// The outage a key arriving at <paramref name="received"/> can have been held back by: the last pause that ended
    /// before it, no longer than <paramref name="window"/> before. Null when there is none.
    /// </summary>
    public ClockPause? OutageBefore(DateTimeOffset received, TimeSpan window)
    {
        ClockPause? latest = null;
        foreach (var pause in Pauses)
        {
            if (pause.Until <= received && received - pause.Until <= window && (latest is null || pause.Until > latest.Value.Until))
            {
                latest = pause;
            }
        }

        return latest;
    }

    public RaceClock PausedFrom(DateTimeOffset from, DateTimeOffset until) =>
        until <= from ? this : this with { Pauses = [.. Pauses, new ClockPause(from, until - from)] };
}
