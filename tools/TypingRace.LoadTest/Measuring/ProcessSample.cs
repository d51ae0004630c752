using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace TypingRace.LoadTest.Measuring;

/// <summary>A process's CPU time used so far and its resident memory, read from /proc at one moment.</summary>
public readonly partial record struct ProcessSample(long Timestamp, TimeSpan Cpu, long RssBytes)
{
    private const int ScClockTicks = 2; // _SC_CLK_TCK on Linux

    private static readonly long ClockTicksPerSecond = SysConf(ScClockTicks);

    public double RssMegabytes => RssBytes / (1024.0 * 1024);

    /// <summary>Null when the process is gone or /proc cannot be read.</summary>
    public static ProcessSample? Read(int pid)
    {
        try
        {
            // Fields after the command name, which may itself hold spaces and parentheses: state is 0, utime 11, stime 12.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var rssLine = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
            var rssKilobytes = long.Parse(rssLine["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return new ProcessSample(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds((double)ticks / ClockTicksPerSecond), rssKilobytes * 1024);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The processes of one server summed, as if they were one; null when there are none or one is gone.</summary>
    public static ProcessSample? ReadTogether(IReadOnlyList<int> pids)
    {
        var samples = pids.Select(Read).ToList();
        return samples.Count > 0 && samples.All(sample => sample is not null)
            ? new ProcessSample(Stopwatch.GetTimestamp(), TimeSpan.FromTicks(samples.Sum(sample => sample!.Value.Cpu.Ticks)), samples.Sum(sample => sample!.Value.RssBytes))
            : null;
    }

    /// <summary>CPU used between two samples, in percent of one core (a busy two-core machine shows up to 200).</summary>
    public static double CpuPercent(ProcessSample from, ProcessSample to)
    {
        var wall = Stopwatch.GetElapsedTime(from.Timestamp, to.Timestamp);
        return wall > TimeSpan.Zero ? (to.Cpu - from.Cpu) / wall * 100 : 0;
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
