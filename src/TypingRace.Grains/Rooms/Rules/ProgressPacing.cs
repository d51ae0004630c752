namespace TypingRace.Grains.Rooms.Rules;

/// <summary>
/// How long a room coalesces progress, by how busy its process is. Every frame is a message to every racer of the
/// room, and messages are most of what a key costs the server (bench/README.md). With cores to spare, a short window
/// gets progress to opponents sooner; as the cores fill up, the window widens to the busy one, so a loaded server
/// sends fewer and fuller frames instead of falling behind.
/// </summary>
public static class ProgressPacing
{
    /// <summary>Up to this share of its cores, the process uses the quiet window.</summary>
    public const double QuietUpTo = 0.5;

    /// <summary>From this share on, the busy window; in between, the window grows in proportion.</summary>
    public const double BusyFrom = 0.8;

    /// <param name="busyShare">The process's CPU time over wall time and the cores it may use: 0 idle, 1 full.</param>
    public static TimeSpan Window(double busyShare, TimeSpan quiet, TimeSpan busy)
    {
        // A share that could not be read counts as full: the busy window is the safe one.
        var share = double.IsFinite(busyShare) ? busyShare : 1;
        var toward = Math.Clamp((share - QuietUpTo) / (BusyFrom - QuietUpTo), 0, 1);

        // Whole milliseconds, so the rooms' timers are re-armed when the window really moves, not on every sample.
        return TimeSpan.FromMilliseconds(Math.Round(quiet.TotalMilliseconds + toward * (busy - quiet).TotalMilliseconds));
    }
}
