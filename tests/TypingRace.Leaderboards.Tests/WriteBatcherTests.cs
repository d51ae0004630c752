namespace TypingRace.Leaderboards.Tests;

/// <summary>The batcher on its own, against a write the test finishes by hand: no clocks, no Redis.</summary>
public sealed class WriteBatcherTests
{
    private readonly List<(IReadOnlyList<int> Items, TaskCompletionSource Done)> batches = [];
    private readonly Lock gate = new();

    [Fact]
    public async Task A_lone_write_goes_at_once_and_alone()
    {
        var batcher = Batcher(maxBatch: 8, lanes: 1);

        var write = batcher.Write(1, CancellationToken.None);

        Assert.Equal([1], Batch(0));
        Finish(0);
        Assert.Equal("out 1", await write);
    }

    [Fact]
    public async Task Writes_made_while_every_lane_is_busy_go_together_in_the_next_batch_up_to_the_cap()
    {
        var batcher = Batcher(maxBatch: 3, lanes: 1);
        var first = batcher.Write(1, CancellationToken.None);
        var waiting = new[] { 2, 3, 4, 5 }.Select(i => batcher.Write(i, CancellationToken.None)).ToList();
        Assert.Single(Snapshot());

        Finish(0);
        Assert.Equal("out 1", await first);
        await Until(() => Snapshot().Count == 2);
        Assert.Equal([2, 3, 4], Batch(1));

        Finish(1);
        await Until(() => Snapshot().Count == 3);
        Assert.Equal([5], Batch(2));
        Finish(2);
        Assert.Equal(["out 2", "out 3", "out 4", "out 5"], await Task.WhenAll(waiting));
    }

    [Fact]
    public async Task Two_lanes_write_two_batches_at_once()
    {
        var batcher = Batcher(maxBatch: 8, lanes: 2);
        var one = batcher.Write(1, CancellationToken.None);
        var two = batcher.Write(2, CancellationToken.None);
        var three = batcher.Write(3, CancellationToken.None);

        Assert.Equal(2, Snapshot().Count);
        Finish(1);
        Assert.Equal("out 2", await two);
        await Until(() => Snapshot().Count == 3);
        Assert.Equal([3], Batch(2));
        Finish(2);
        Finish(0);
        Assert.Equal(["out 1", "out 3"], await Task.WhenAll(one, three));
    }

    [Fact]
    public async Task A_failed_batch_fails_every_write_in_it_and_the_next_batch_still_goes()
    {
        var batcher = Batcher(maxBatch: 8, lanes: 1);
        var first = batcher.Write(1, CancellationToken.None);
        var second = batcher.Write(2, CancellationToken.None);
        var third = batcher.Write(3, CancellationToken.None);

        Finish(0);
        await first;
        await Until(() => Snapshot().Count == 2);
        Snapshot()[1].Done.SetException(new InvalidOperationException("redis is down"));

        Assert.Equal("redis is down", (await Assert.ThrowsAsync<InvalidOperationException>(() => second)).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => third);
        var fourth = batcher.Write(4, CancellationToken.None);
        Assert.Equal([4], Batch(2));
        Finish(2);
        Assert.Equal("out 4", await fourth);
    }

    [Fact]
    public async Task A_queued_write_whose_caller_gives_up_is_left_out()
    {
        var batcher = Batcher(maxBatch: 8, lanes: 1);
        using var giveUp = new CancellationTokenSource();
        var first = batcher.Write(1, CancellationToken.None);
        var abandoned = batcher.Write(2, giveUp.Token);
        var kept = batcher.Write(3, CancellationToken.None);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Finish(0);
        await first;
        await Until(() => Snapshot().Count == 2);

        Assert.Equal([3], Batch(1));
        Finish(1);
        Assert.Equal("out 3", await kept);
    }

    private WriteBatcher<int, string> Batcher(int maxBatch, int lanes) => new(
        async (items, _) =>
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                batches.Add((items, done));
            }

            await done.Task;
            return [.. items.Select(i => $"out {i}")];
        },
        maxBatch,
        lanes);

    private List<(IReadOnlyList<int> Items, TaskCompletionSource Done)> Snapshot()
    {
        lock (gate)
        {
            return [.. batches];
        }
    }

    private IReadOnlyList<int> Batch(int index) => Snapshot()[index].Items;

    private void Finish(int index) => Snapshot()[index].Done.SetResult();

    /// <summary>The next batch starts on the thread pool once the last one is finished; wait for it without a clock.</summary>
    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Yield();
        }
    }
}
