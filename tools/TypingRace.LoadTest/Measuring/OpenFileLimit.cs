using System.Runtime.InteropServices;

namespace TypingRace.LoadTest.Measuring;

/// <summary>
/// Every racer holds a socket, so thousands of racers need more descriptors than a shell's usual soft limit.
/// The soft limit may be raised up to the hard one without privileges.
/// </summary>
public static partial class OpenFileLimit
{
    private const int RlimitNofile = 7; // Linux

    /// <summary>Raises the soft limit to at least <paramref name="needed"/> where the hard limit allows; returns the limit in force.</summary>
    public static long RaiseTo(long needed)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return -1;
        }

        if (limit.Current >= (ulong)needed)
        {
            return (long)limit.Current;
        }

        var raised = limit with { Current = Math.Min(limit.Maximum, (ulong)needed) };
        return SetRLimit(RlimitNofile, raised) == 0 ? (long)raised.Current : (long)limit.Current;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit")]
    private static partial int SetRLimit(int resource, in RLimit limit);
}
