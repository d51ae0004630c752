using TypingRace.Abstractions;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// What a racer needs of its connection to the hub: the few calls of docs/protocol.md it makes and the two events it
/// listens to. Two kinds speak it: the official SignalR client, and a lean one for JSON that costs the generator less.
/// </summary>
public interface IRaceLink : IAsyncDisposable
{
    /// <summary>The connection was lost; not raised by <see cref="IAsyncDisposable.DisposeAsync"/>.</summary>
    event Func<Exception?, Task>? Closed;

    Task Start(CancellationToken cancellationToken);

    /// <summary>Calls a hub method that takes a room code and answers nothing; a refusal throws <c>HubException</c>.</summary>
    Task Invoke(string method, string code, CancellationToken cancellationToken);

    /// <summary>Calls a hub method that takes a room code and answers <typeparamref name="T"/>.</summary>
    Task<T> Invoke<T>(string method, string code, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a key batch with TypeKeys, as the browser does, and waits for the frame that acknowledges it
    /// (<see cref="KeyAcks"/>). A refusal throws <c>HubException</c>, a race that ended first
    /// <see cref="RaceEndedException"/>, and no acknowledgement in time <see cref="AckTimeoutException"/>.
    /// </summary>
    Task<KeyAck> SendKeys(string code, KeyBatch batch, CancellationToken cancellationToken);

    void OnRoomChanged(Action<RoomView> handler);

    /// <summary>Progress frames, each handed over as its race number and the racers of <paramref name="room"/> it shows.</summary>
    void OnProgress(RaceRoom room, ProgressSeen handler);
}

/// <summary>One racer as a progress frame shows it, with the acknowledgement of its batches (docs/protocol.md).</summary>
public readonly record struct RacerSeen(Racer Racer, ObservedState State, double Wpm = 0, bool Finished = false, long Seq = 0, long StoredSeq = 0)
{
    public KeyAck Ack => new(Seq, State.Position, State.ErrorLength, Finished, Wpm, State.Accuracy, StoredSeq);
}

/// <summary>The room showed its race over before a frame acknowledged the batch: a results view took the last frame's place.</summary>
public sealed class RaceEndedException(long seq) : Exception($"The race ended before batch {seq} was acknowledged in a frame.");

/// <summary>A progress frame; <paramref name="racers"/> is only valid during the call.</summary>
public delegate void ProgressSeen(int raceNumber, ReadOnlySpan<RacerSeen> racers);
