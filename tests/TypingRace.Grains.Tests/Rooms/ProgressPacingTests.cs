using TypingRace.Grains.Rooms;
using TypingRace.Grains.Rooms.Rules;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests.Rooms;

/// <summary>How long rooms coalesce progress as their silo gets busy, without a cluster.</summary>
public sealed class ProgressPacingTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(25);

    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.5, 10)]
    [InlineData(0.6, 15)]
    [InlineData(0.65, 18)] // 17.5 rounds to even
    [InlineData(0.7, 20)]
    [InlineData(0.8, 25)]
    [InlineData(1.0, 25)]
    [InlineData(3.0, 25)]
    [InlineData(double.NaN, 25)]
    [InlineData(double.PositiveInfinity, 25)]
    public void The_window_grows_from_quiet_to_busy_as_the_cores_fill(double busyShare, int windowMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(windowMs), ProgressPacing.Window(busyShare, Quiet, Busy));

    [Fact]
    public void A_silo_starts_busy_settles_quiet_when_idle_and_widens_again_under_load()
    {
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var cpu = TimeSpan.Zero;
        var pacer = new ProgressPacer(new RoomOptions(), clock, () => cpu, cores: 2);

        // Before any sample, and within a quarter second, the busy window.
        Assert.Equal(Busy, pacer.Window);
        Run(clock, ref cpu, TimeSpan.FromMilliseconds(200), busyShare: 0.1);
        Assert.Equal(Busy, pacer.Window);

        // A tenth of two cores for a second and a half: the smoothed share falls below a half, the window to quiet.
        for (var i = 0; i < 6; i++)
        {
            Run(clock, ref cpu, TimeSpan.FromMilliseconds(250), busyShare: 0.1);
            _ = pacer.Window;
        }

        Assert.Equal(Quiet, pacer.Window);

        // Both cores full: within a second the window is the busy one again.
        for (var i = 0; i < 4; i++)
        {
            Run(clock, ref cpu, TimeSpan.FromMilliseconds(250), busyShare: 1.0);
            _ = pacer.Window;
        }

        Assert.Equal(Busy, pacer.Window);
    }

    [Fact]
    public void A_quiet_window_longer_than_the_busy_one_is_refused()
    {
        var options = new RoomOptions { ProgressInterval = TimeSpan.FromMilliseconds(20), QuietProgressInterval = TimeSpan.FromMilliseconds(21) };

        Assert.Contains("Rooms:QuietProgressInterval must be above zero and at most Rooms:ProgressInterval.", options.Problems());
        Assert.Empty(new RoomOptions().Problems());
    }

    /// <summary>Moves the clock on, the process having used <paramref name="busyShare"/> of its two cores meanwhile.</summary>
    private static void Run(ManualTime clock, ref TimeSpan cpu, TimeSpan wall, double busyShare)
    {
        clock.Now += wall;
        cpu += wall * 2 * busyShare;
    }
}
