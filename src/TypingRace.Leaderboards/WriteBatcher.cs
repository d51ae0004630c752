using System.Runtime.ExceptionServices;

namespace TypingRace.Leaderboards;

/// <summary>
/// Gathers writes made at the same time into batches, with no timer. A call that finds one of the
/// <paramref name="lanes"/> free writes at once, alone. Calls that come while every lane is busy queue; when a batch
/// ends, its lane passes to the first of them, who writes everything queued by then, up to <paramref name="maxBatch"/>.
/// So a lone write never waits, and under load a batch is what arrived during the one before it. The callers do the
/// writing: nothing runs in the background, and every write is awaited by the call it belongs to.
/// </summary>
/// <param name="write">Writes a batch; returns one outcome per item, in their order.</param>
internal sealed class WriteBatcher<TItem, TOutcome>(
    Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TOutcome>>> write,
    int maxBatch,
    int lanes)
{
    private readonly Lock gate = new();
    private readonly Queue<Pending> waiting = new();
    private int busyLanes;

    public int MaxBatch { get; } = maxBatch > 0 ? maxBatch : throw new ArgumentOutOfRangeException(nameof(maxBatch));

    public int Lanes { get; } = lanes > 0 ? lanes : throw new ArgumentOutOfRangeException(nameof(lanes));

    /// <summary>
    /// Writes <paramref name="item"/> in the next batch. <paramref name="ct"/> stops this call waiting; it never cancels
    /// a batch, which others share, so an item already taken into one may still be written.
    /// </summary>
    public async Task<TOutcome> Write(TItem item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var mine = new Pending(item);
        bool writeNow;
        lock (gate)
        {
            // A lane frees only when nobody is queued, so a call that finds one free is first in line.
            writeNow = busyLanes < Lanes;
            if (writeNow)
            {
                busyLanes++;
            }
            else
            {
                waiting.Enqueue(mine);
            }
        }

        if (!writeNow)
        {
            using (ct.Register(() => Abandon(mine, ct)))
            {
                if (await mine.Signal.Task)
                {
                    return mine.Outcome!;
                }
            }
        }

        return await WriteBatch(mine);
    }

    /// <summary>Writes <paramref name="holder"/>, the lane's holder, with what is queued behind it; then passes the lane on.</summary>
    private async Task<TOutcome> WriteBatch(Pending holder)
    {
        var batch = new List<Pending> { holder };
        lock (gate)
        {
            while (batch.Count < MaxBatch && waiting.TryDequeue(out var next))
            {
                if (next.State == PendingState.Queued)
                {
                    next.State = PendingState.Taken;
                    batch.Add(next);
                }
            }
        }

        IReadOnlyList<TOutcome>? outcomes = null;
        Exception? failure = null;
        try
        {
            // A batch is shared, so no one caller's token may cancel it; the store's own timeouts bound it.
            outcomes = await write([.. batch.Select(p => p.Item)], CancellationToken.None);
            if (outcomes.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} writes gave {outcomes.Count} outcomes.");
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // The holder is batch[0] and hears from this call; everyone else from their signal.
        for (var i = 1; i < batch.Count; i++)
        {
            if (failure is null)
            {
                batch[i].Outcome = outcomes![i];
                batch[i].Signal.TrySetResult(true);
            }
            else
            {
                batch[i].Signal.TrySetException(failure);
            }
        }

        PassLane();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return outcomes![0];
    }

    private void PassLane()
    {
        Pending? next = null;
        lock (gate)
        {
            while (waiting.TryDequeue(out var first))
            {
                if (first.State == PendingState.Queued)
                {
                    first.State = PendingState.Writing;
                    next = first;
                    break;
                }
            }

            if (next is null)
            {
                busyLanes--;
            }
        }

        next?.Signal.TrySetResult(false);
    }

    /// <summary>A queued call gives up; one already handed a lane keeps it, since others wait behind it.</summary>
    private void Abandon(Pending pending, CancellationToken ct)
    {
        lock (gate)
        {
            switch (pending.State)
            {
                case PendingState.Writing:
                    return;
                case PendingState.Queued:
                    pending.State = PendingState.Abandoned;
                    break;
            }
        }

        pending.Signal.TrySetCanceled(ct);
    }

    private enum PendingState
    {
        Queued,
        Abandoned,
        Taken,
        Writing,
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        /// <summary>True: written, <see cref="Outcome"/> is set. False: the lane is this call's to write with.</summary>
        public TaskCompletionSource<bool> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TOutcome? Outcome { get; set; }

        /// <summary>Read and changed under the batcher's lock only.</summary>
        public PendingState State { get; set; }
    }
}
