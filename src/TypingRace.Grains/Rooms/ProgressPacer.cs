using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TypingRace.Grains.Rooms.Rules;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// This silo's progress window (<see cref="ProgressPacing"/>), from the process's CPU time over the last quarter
/// second, smoothed so that one busy moment does not swing every room's timer. Racing rooms ask on every tick of their
/// race timer; whichever asks first after a quarter second reads the CPU time, so nothing runs while no room races.
/// </summary>
public sealed class ProgressPacer
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan _quiet;
    private readonly TimeSpan _busy;
    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan> _cpuTime;
    private readonly int _cores;
    private readonly Lock _lock = new();
    private long _sampledAt;
    private TimeSpan _cpuAtSample;
    private double _busyShare;
    private long _windowTicks;

    public ProgressPacer(IOptions<RoomOptions> options, TimeProvider clock, IMeterFactory meters)
        : this(options.Value, clock, () => Environment.CpuUsage.TotalTime, Environment.ProcessorCount)
    {
        meters.Create(GatewayOutbox.MeterName).CreateObservableGauge(
            "typingrace.rooms.progress_window", () => Window.TotalMilliseconds, "ms",
            "How long rooms on this silo coalesce progress: short while the silo has cores to spare, longer as it fills up");
    }

    /// <param name="cpuTime">The process's CPU time so far; <paramref name="cores"/> is how many cores it may use.</param>
    internal ProgressPacer(RoomOptions options, TimeProvider clock, Func<TimeSpan> cpuTime, int cores)
    {
        _quiet = options.QuietProgressInterval;
        _busy = options.ProgressInterval;
        _clock = clock;
        _cpuTime = cpuTime;
        _cores = Math.Max(1, cores);
        _sampledAt = clock.GetTimestamp();
        _cpuAtSample = cpuTime();

        // Until the first sample the silo is taken as busy: a silo that starts into full rooms (a failover) is.
        _busyShare = 1;
        _windowTicks = _busy.Ticks;
    }

    public TimeSpan Window
    {
        get
        {
            if (_clock.GetElapsedTime(Volatile.Read(ref _sampledAt)) >= SampleEvery)
            {
                Sample();
            }

            return new TimeSpan(Volatile.Read(ref _windowTicks));
        }
    }

    private void Sample()
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            var wall = _clock.GetElapsedTime(_sampledAt, now);
            if (wall < SampleEvery)
            {
                return; // another room sampled meanwhile
            }

            var cpu = _cpuTime();
            var share = (cpu - _cpuAtSample) / (wall * _cores);

            // Half the last sample, half the history: a burst moves the window within a second, a blip hardly at all.
            _busyShare = (_busyShare + share) / 2;
            _cpuAtSample = cpu;
            Volatile.Write(ref _windowTicks, ProgressPacing.Window(_busyShare, _quiet, _busy).Ticks);
            Volatile.Write(ref _sampledAt, now);
        }
    }
}
