using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.LoadTest.Measuring;
using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// One bot on its own SignalR connection (<see cref="IRaceLink"/>). It types on timers, sends its keys as the browser does (one batch in
/// flight, keys typed meanwhile wait for the next), and times its opponents' keys as their updates reach it.
/// </summary>
public sealed class Racer(RaceRoom room, string playerId, IRaceLink connection, BotStyle style, Random random, Measurements measurements)
    : IAsyncDisposable
{
    private const int MaxKeysPerBatch = 50;

    // Synchronous continuations: a key typed while no batch is in flight goes out on the typing thread, without a
    // hop through the thread pool; with thousands of racers those hops are much of the generator's CPU.
    private readonly Channel<PendingKey> outbox = Channel.CreateUnbounded<PendingKey>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });

    // Only this connection's handler touches it, and the client runs one handler at a time.
    private readonly Dictionary<Racer, KeyLog.Cursor> seen = [];

    // 1 while the connection counts as connected: a lost connection and the final dispose must not both count it gone.
    private int open;

    // The batches of the current race the room has not confirmed as stored; only the sending loop touches them.
    private List<KeyBatch> unstored = [];
    private int unstoredRace = int.MinValue;

    public RaceRoom Room => room;

    public string PlayerId => playerId;

    public IRaceLink Connection => connection;

    /// <summary>What this racer typed, for its opponents to match their updates against.</summary>
    public KeyLog Keys { get; } = new();

    public async Task Connect(CancellationToken cancellationToken)
    {
        connection.OnProgress(room, OnProgress);
        connection.Closed += OnClosed;
        await connection.Start(cancellationToken);
        open = 1;
        measurements.ConnectionOpened();
    }

    /// <summary>Types every race that <paramref name="races"/> hands out until <paramref name="typing"/> ends, then sends what is left.</summary>
    /// <param name="stop">Ends the sending too: the run is over.</param>
    public Task Race(IAsyncEnumerable<RaceStart> races, CancellationToken typing, CancellationToken stop) =>
        Task.WhenAll(TypeRaces(races, typing), SendKeys(stop));

    public ValueTask DisposeAsync()
    {
        connection.Closed -= OnClosed;
        MarkClosed();
        return connection.DisposeAsync();
    }

    private void OnProgress(int raceNumber, ReadOnlySpan<RacerSeen> racers)
    {
        var now = Stopwatch.GetTimestamp();
        measurements.UpdateReceived(now);
        foreach (var (opponent, state, _, _, _, _) in racers)
        {
            if (opponent != this)
            {
                ref var cursor = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, opponent, out _);
                opponent.Keys.Match(ref cursor, raceNumber, state, now, measurements);
            }
        }
    }

    private Task OnClosed(Exception? error)
    {
        // Only the final dispose closes a connection on purpose, and it stops listening first.
        MarkClosed();
        measurements.Error("connection-lost");
        return Task.CompletedTask;
    }

    private void MarkClosed()
    {
        if (Interlocked.Exchange(ref open, 0) == 1)
        {
            measurements.ConnectionClosed();
        }
    }

    private async Task TypeRaces(IAsyncEnumerable<RaceStart> races, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var race in races.WithCancellation(cancellationToken))
            {
                await Type(race, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The measured phase is over; the keys already typed are still sent.
        }
        finally
        {
            outbox.Writer.TryComplete();
        }
    }

    private async Task Type(RaceStart race, CancellationToken cancellationToken)
    {
        var typist = new BotTypist(race.Passage, style, random);
        var watchers = room.Racers.Count - 1;
        Keys.Begin(race.Number);

        // Keys are due at absolute times, so a late timer does not slow the bot down for the rest of the race.
        var due = race.StartedAt;
        var elapsedMs = 0L;
        while (!typist.Done)
        {
            var key = typist.Next();
            due += (long)(key.Delay.TotalSeconds * Stopwatch.Frequency);
            elapsedMs += (long)key.Delay.TotalMilliseconds;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var now = Stopwatch.GetTimestamp();
            var measured = measurements.KeyTyped(now);
            if (Keys.Add(race.Predictor.After(key, elapsedMs), now, measured) && measured)
            {
                measurements.DeliveriesExpected(watchers);
            }

            outbox.Writer.TryWrite(new PendingKey(race.Number, new KeyPress(key.Text, elapsedMs)));
        }
    }

    private async Task SendKeys(CancellationToken cancellationToken)
    {
        var reader = outbox.Reader;
        var batch = new List<KeyPress>(MaxKeysPerBatch);
        var race = int.MinValue;
        var lastSeq = 0L;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                // One batch holds the keys of one race; seq starts again at 1 in each race.
                while (batch.Count < MaxKeysPerBatch && reader.TryPeek(out var next) && (batch.Count == 0 || next.Race == race))
                {
                    reader.TryRead(out _);
                    if (next.Race != race)
                    {
                        (race, lastSeq) = (next.Race, 0);
                    }

                    batch.Add(next.Key);
                }

                if (race != unstoredRace)
                {
                    (unstoredRace, unstored) = (race, []);
                }

                if (await Send(new KeyBatch(lastSeq + 1, [.. batch]), cancellationToken))
                {
                    lastSeq++;
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    /// <summary>False when the server refused the batch: it changed nothing, so the next batch takes the same seq.</summary>
    private async Task<bool> Send(KeyBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            measurements.BatchSent();
            var ack = await connection.SendKeys(room.Code, batch, cancellationToken);
            Stored(batch, ack.StoredSeq);
            measurements.KeysAccepted(batch.Keys.Length, Stopwatch.GetTimestamp());
            return true;
        }
        catch (RaceEndedException)
        {
            // The last batch of a race whose acknowledging frame a results view replaced; the next race starts at seq 1.
            return true;
        }
        catch (Exception lost) when (CallsForRejoin(lost))
        {
            // The room's silo went away, or no frame said the batch arrived: rejoin, and send again what the room
            // does not hold, this batch too (docs/protocol.md). Either is an error of the run.
            measurements.Error(lost is AckTimeoutException ? "ack-timeout" : ErrorCodes.RoomUnavailable);
            unstored.Add(batch);
            return await Resend(cancellationToken);
        }
        catch (HubException refusal)
        {
            measurements.Error(HubErrors.CodeOf(refusal));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            measurements.Error($"send-failed ({failure.GetType().Name})");
        }

        return false;
    }

    /// <summary>Keeps the batch until the room has stored it, and forgets those it has.</summary>
    private void Stored(KeyBatch batch, long storedSeq)
    {
        unstored.Add(batch);
        unstored.RemoveAll(kept => kept.Seq <= storedSeq);
    }

    /// <summary>Rejoins once the room is back (a few seconds after a silo dies) and resends the batches it lacks.</summary>
    private async Task<bool> Resend(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            try
            {
                var you = (await connection.Invoke<RoomView>("JoinRoom", room.Code, cancellationToken)).You!;
                foreach (var lost in unstored.Where(kept => kept.Seq > you.LastSeq).OrderBy(kept => kept.Seq).ToList())
                {
                    var ack = await connection.SendKeys(room.Code, lost with { Resent = true }, cancellationToken);
                    unstored.RemoveAll(kept => kept.Seq <= ack.StoredSeq);
                    measurements.KeysAccepted(lost.Keys.Length, Stopwatch.GetTimestamp());
                }

                return true;
            }
            catch (Exception lost) when (CallsForRejoin(lost))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 + random.Next(250)), cancellationToken);
            }
        }

        return false;
    }

    /// <summary>The room's silo went away, or no frame said a batch arrived: only a rejoin tells what the room holds.</summary>
    private static bool CallsForRejoin(Exception failure) =>
        failure is AckTimeoutException || (failure is HubException refusal && HubErrors.CodeOf(refusal) == ErrorCodes.RoomUnavailable);

    private readonly record struct PendingKey(int Race, KeyPress Key);
}
