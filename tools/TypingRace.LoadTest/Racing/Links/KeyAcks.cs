using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// The key batches one racer sent with TypeKeys and the room has not acknowledged yet (docs/protocol.md): the
/// racer's own entry in a frame of the running race acknowledges every batch up to its seq, a keysRefused event
/// refuses one, and a view showing the race over ends the rest. Both links use it, so both drive the server alike.
/// </summary>
/// <param name="inline">Complete on the caller's thread, for a link whose receive loop may run the racer's next send.</param>
public sealed class KeyAcks(string playerId, bool inline)
{
    /// <summary>As long as the browser waits before it rejoins to learn where the room is.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly Lock gate = new();
    private readonly List<(long Seq, TaskCompletionSource<KeyAck> Acked)> waiting = [];
    private int race;

    private Exception? closed;

    /// <summary>Registers the batch, sends it with <paramref name="send"/>, and waits for its acknowledgement.</summary>
    public async Task<KeyAck> Send(long seq, Func<Task> send, CancellationToken cancellationToken)
    {
        var acked = new TaskCompletionSource<KeyAck>(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (closed is not null)
            {
                throw closed;
            }

            waiting.Add((seq, acked));
        }

        try
        {
            await send();
            return await acked.Task.WaitAsync(Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new AckTimeoutException(seq);
        }
        finally
        {
            lock (gate)
            {
                waiting.RemoveAll(wait => wait.Acked == acked);
                }
        }
    }

    /// <summary>A frame: acknowledges what the player's own entry shows, if the frame is of the race running.</summary>
    public void SeeFrame(int raceNumber, ReadOnlySpan<RacerSeen> racers)
    {
        if (raceNumber < Volatile.Read(ref race) || !Waiting())
        {
            // A late frame of the race before (its seq counts batches of that race, not of this one), or nothing
            // to acknowledge: most frames show other racers' keys, and every frame passes here.
            return;
        }

        foreach (var racer in racers)
        {
            if (racer.Racer.PlayerId == playerId)
            {
                var (seq, ack) = (racer.Seq, racer.Ack);
                foreach (var acked in Take(waited => waited <= seq))
                {
                    acked.TrySetResult(ack);
                }

                return;
            }
        }
    }

    /// <summary>A view: a new race running, or the race over (its results view may have taken the last frame's place).</summary>
    public void SeeView(RoomView view)
    {
        if (view.Phase == RoomPhase.Racing)
        {
            Volatile.Write(ref race, Math.Max(Volatile.Read(ref race), view.RaceNumber));
            return;
        }

        foreach (var (seq, acked) in TakeWithSeq(_ => true))
        {
            acked.TrySetException(new RaceEndedException(seq));
        }
    }

    public void Refused(KeysRefused refusal)
    {
        foreach (var acked in Take(seq => seq == refusal.Seq))
        {
            acked.TrySetException(new HubException(new RaceError(refusal.Code, refusal.Message).ToString()));
        }
    }

    /// <summary>The connection is gone: every wait fails, and so does any batch sent after.</summary>
    public void Close(Exception error)
    {
        lock (gate)
        {
            closed ??= error;
        }

        foreach (var (_, acked) in TakeWithSeq(_ => true))
        {
            acked.TrySetException(error);
        }
    }

    private bool Waiting()
    {
        lock (gate)
        {
            return waiting.Count > 0;
        }
    }

    private IEnumerable<TaskCompletionSource<KeyAck>> Take(Func<long, bool> which) => TakeWithSeq(which).Select(wait => wait.Acked);

    private List<(long Seq, TaskCompletionSource<KeyAck> Acked)> TakeWithSeq(Func<long, bool> which)
    {
        lock (gate)
        {
            var taken = waiting.FindAll(wait => which(wait.Seq));
            waiting.RemoveAll(wait => which(wait.Seq));
            return taken;
        }
    }
}

/// <summary>No frame acknowledged the batch in <see cref="KeyAcks.Timeout"/>: rejoin to learn what the room holds.</summary>
public sealed class AckTimeoutException(long seq) : Exception($"No frame acknowledged batch {seq} within {KeyAcks.Timeout.TotalSeconds:0} s.");
