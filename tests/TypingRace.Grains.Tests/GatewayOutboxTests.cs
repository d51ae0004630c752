using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Grains.Rooms;
using TypingRace.Testing;

namespace TypingRace.Grains.Tests;

/// <summary>How a silo's room updates reach the gateways, one call in flight per gateway, without a cluster.</summary>
public sealed class GatewayOutboxTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Updates_published_while_a_push_is_in_flight_go_out_together_newest_frame_per_room()
    {
        var gateway = new RecordingGateway { Holding = true };
        var meters = Meters();
        using var pushes = new MetricCollector<long>(meters, GatewayOutbox.MeterName, "typingrace.rooms.gateway_pushes");
        using var updates = new MetricCollector<long>(meters, GatewayOutbox.MeterName, "typingrace.rooms.room_updates");
        await using var outbox = NewOutbox(meters: meters);

        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 1));
        await gateway.WaitForCalls(1);
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 2));
        outbox.Publish([gateway], Frame("BBBBBB", serverTime: 3));
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 4));
        gateway.Release();

        var calls = await gateway.WaitForCalls(2);
        Assert.Equal([1L], calls[0].Select(update => update.Frame!.ServerTime));
        Assert.Equal([("AAAAAA", 4L), ("BBBBBB", 3L)], calls[1].Select(update => (update.Code, update.Frame!.ServerTime)).OrderBy(pair => pair.Code));
        Assert.Equal([1L, 1L], pushes.GetMeasurementSnapshot().Select(measurement => measurement.Value));
        Assert.Equal([1L, 2L], updates.GetMeasurementSnapshot().Select(measurement => measurement.Value));
    }

    [Fact]
    public async Task A_view_replaces_the_waiting_frame_of_its_room_and_a_later_frame_rides_behind_it()
    {
        var gateway = new RecordingGateway { Holding = true };
        await using var outbox = NewOutbox();

        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 1));
        await gateway.WaitForCalls(1);
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 2));
        outbox.Publish([gateway], View("AAAAAA", RoomPhase.Results));
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 3));
        gateway.Release();

        var update = Assert.Single((await gateway.WaitForCalls(2))[1]);
        Assert.Equal(RoomPhase.Results, update.View!.Phase);
        Assert.Equal(3, update.Frame!.ServerTime);
    }

    /// <summary>A member coming or going mid-race must not cost a racer the frame that acknowledges their keys (TypeKeys).</summary>
    [Fact]
    public async Task A_view_of_the_same_race_still_running_keeps_the_waiting_frame_behind_it()
    {
        var gateway = new RecordingGateway { Holding = true };
        await using var outbox = NewOutbox();

        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 1));
        await gateway.WaitForCalls(1);
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 2), keysArrivedAt: 20);
        outbox.Publish([gateway], View("AAAAAA", RoomPhase.Racing));
        gateway.Release();

        var update = Assert.Single((await gateway.WaitForCalls(2))[1]);
        Assert.Equal((RoomPhase.Racing, 2L, 20L), (update.View!.Phase, update.Frame!.ServerTime, update.KeysArrivedAt));
    }

    [Fact]
    public async Task A_stuck_gateway_delays_no_other_and_a_failed_one_is_skipped_until_it_subscribes_again()
    {
        var stuck = new RecordingGateway { Holding = true };
        var failing = new RecordingGateway { Failing = true };
        var healthy = new RecordingGateway();
        var meters = Meters();
        using var failures = new MetricCollector<long>(meters, GatewayOutbox.MeterName, "typingrace.rooms.gateway_push_failures");
        await using var outbox = NewOutbox(callTimeout: TimeSpan.FromSeconds(30), meters);

        outbox.Publish([stuck, failing, healthy], Frame("AAAAAA", serverTime: 1));
        await failing.WaitForCalls(1);
        outbox.Publish([stuck, failing, healthy], Frame("AAAAAA", serverTime: 2));
        outbox.Publish([stuck, failing, healthy], Frame("AAAAAA", serverTime: 3));

        // The healthy gateway has everything while the stuck one still holds its first push.
        await healthy.WaitUntil(calls => calls.SelectMany(call => call).Any(update => update.Frame!.ServerTime == 3));
        Assert.Single(stuck.Calls);
        Assert.Single(failing.Calls);
        await failures.WaitForMeasurementsAsync(1).WaitAsync(Wait);

        // Readmitted by the room it missed updates of, the gateway is told so (the room then sends it its view); once.
        failing.Failing = false;
        Assert.True(outbox.Readmit(failing, "AAAAAA"));
        Assert.False(outbox.Readmit(failing, "AAAAAA"));
        Assert.False(outbox.Readmit(healthy, "AAAAAA"));
        outbox.Publish([failing], Frame("AAAAAA", serverTime: 4));
        var calls = await failing.WaitForCalls(2);
        Assert.Equal(4, Assert.Single(calls[1]).Frame!.ServerTime);
        stuck.Release();
    }

    [Fact]
    public async Task A_push_that_outlives_the_call_timeout_counts_as_failed()
    {
        var slow = new RecordingGateway { Holding = true };
        var meters = Meters();
        using var failures = new MetricCollector<long>(meters, GatewayOutbox.MeterName, "typingrace.rooms.gateway_push_failures");
        await using var outbox = NewOutbox(TimeSpan.FromMilliseconds(200), meters);

        outbox.Publish([slow], Frame("AAAAAA", serverTime: 1));
        await slow.WaitForCalls(1);
        outbox.Publish([slow], Frame("AAAAAA", serverTime: 2));
        await failures.WaitForMeasurementsAsync(1).WaitAsync(Wait);
        slow.Release();

        // Had the late push counted as delivered, frame 2 would follow it at once.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(slow.Calls);

        Assert.True(outbox.Readmit(slow, "AAAAAA"));
        outbox.Publish([slow], Frame("AAAAAA", serverTime: 3));
        Assert.Equal(3, Assert.Single((await slow.WaitForCalls(2))[1]).Frame!.ServerTime);
        Assert.Equal([1L], failures.GetMeasurementSnapshot().Select(measurement => measurement.Value));
    }

    [Fact]
    public async Task A_failed_gateway_is_forgotten_once_its_subscriptions_have_lapsed_everywhere()
    {
        var expiry = TimeSpan.FromMilliseconds(300);
        var gone = new RecordingGateway { Failing = true };
        var later = new RecordingGateway { Failing = true };
        var meters = Meters();
        using var failures = new MetricCollector<long>(meters, GatewayOutbox.MeterName, "typingrace.rooms.gateway_push_failures");
        await using var outbox = NewOutbox(meters: meters, observerExpiry: expiry);

        outbox.Publish([gone], Frame("AAAAAA", serverTime: 1));
        await failures.WaitForMeasurementsAsync(1).WaitAsync(Wait);

        // Past the expiry no room lists the gateway any more; the next failure clears it out of the skipped ones.
        await Task.Delay(expiry * 2);
        outbox.Publish([later], Frame("AAAAAA", serverTime: 2));
        await failures.WaitForMeasurementsAsync(2).WaitAsync(Wait);

        outbox.Publish([gone, later], Frame("AAAAAA", serverTime: 3));
        Assert.Equal(3, (await gone.WaitForCalls(2))[1].Single().Frame!.ServerTime);
        Assert.Single(later.Calls);
    }

    [Fact]
    public async Task Disposing_sends_what_waits_and_then_takes_no_more()
    {
        var gateway = new RecordingGateway { Holding = true };
        var outbox = NewOutbox();

        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 1));
        await gateway.WaitForCalls(1);
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 2));
        var disposing = outbox.DisposeAsync().AsTask();
        outbox.Publish([gateway], Frame("AAAAAA", serverTime: 3));
        gateway.Release();
        await disposing.WaitAsync(Wait);

        Assert.Equal([1L, 2L], gateway.Calls.SelectMany(call => call).Select(update => update.Frame!.ServerTime));
    }

    private static GatewayOutbox NewOutbox(TimeSpan? callTimeout = null, IMeterFactory? meters = null, TimeSpan? observerExpiry = null) =>
        new(
            Options.Create(new RoomOptions { ObserverCallTimeout = callTimeout ?? Wait, ObserverExpiry = observerExpiry ?? TimeSpan.FromMinutes(1) }),
            TimeProvider.System,
            meters ?? Meters(),
            NullLogger<GatewayOutbox>.Instance);

    private static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static ProgressFrame Frame(string code, long serverTime) =>
        new(code, RaceNumber: 1, serverTime, [new RacerProgress("ada", (int)serverTime, 0, 60, 1, false)]);

    private static RoomView View(string code, RoomPhase phase) =>
        new(code, phase, RaceNumber: 1, HostId: "ada", ServerTime: 0, CountdownEndsAt: null, RaceEndsAt: null, Members: [],
            new GuideInfo("guide", "Guide", 1), new PassageView(0, 1, PassageLength.Short, 0, "", null, []), GuideFinished: false, You: null, Results: null);

    /// <summary>A gateway that records each push; it can hold its pushes until released, or refuse them.</summary>
    private sealed class RecordingGateway : IRoomObserver
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<RoomUpdate[]> _calls = new();

        public bool Holding { get; init; }

        public bool Failing { get; set; }

        public IReadOnlyList<RoomUpdate[]> Calls => [.. _calls];

        public void Release() => _released.TrySetResult();

        public async Task OnUpdates(RoomUpdate[] updates)
        {
            _calls.Enqueue(updates);
            if (Failing)
            {
                throw new InvalidOperationException("This gateway refuses pushes.");
            }

            if (Holding)
            {
                await _released.Task;
            }
        }

        public Task<IReadOnlyList<RoomUpdate[]>> WaitForCalls(int count) => WaitUntil(calls => calls.Count >= count);

        public Task<IReadOnlyList<RoomUpdate[]>> WaitUntil(Func<IReadOnlyList<RoomUpdate[]>, bool> condition) =>
            Eventually.Get(() => Task.FromResult(Calls), condition, "pushes to the gateway");
    }
}
