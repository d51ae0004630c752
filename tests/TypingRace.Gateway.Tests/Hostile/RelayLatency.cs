using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Relay latency as a racer feels it: from the moment one racer sends a batch to the moment another racer's
/// connection gets a progress frame showing that racer at the batch's position. Sender and watchers are in this
/// process, so one clock times both ends. Dispose it when its race is over: a watcher left on would time the next
/// race's frames against this race's sends.
/// </summary>
public sealed class RelayLatency : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<(string Racer, int Position), long> _sent = new();
    private readonly ConcurrentDictionary<(string Watcher, string Racer), int> _seen = new();
    private readonly ConcurrentBag<double> _samplesMs = [];

    public int Count => _samplesMs.Count;

    /// <summary>Every frame <paramref name="watcher"/> gets is timed against the batches sent before it.</summary>
    public void Watch(RaceClient watcher) =>
        _subscriptions.Add(watcher.Connection.On<ProgressFrame>("progress", frame => Saw(watcher.Player.PlayerId, frame, Stopwatch.GetTimestamp())));

    /// <summary>Call just before sending a batch that will put <paramref name="racer"/> at <paramref name="position"/>.</summary>
    public void Sending(string racer, int position) => _sent[(racer, position)] = Stopwatch.GetTimestamp();

    private void Saw(string watcher, ProgressFrame frame, long now)
    {
        foreach (var racer in frame.Racers.Where(r => r.PlayerId != watcher))
        {
            var before = _seen.GetValueOrDefault((watcher, racer.PlayerId));
            if (racer.Position <= before)
            {
                continue;
            }

            _seen[(watcher, racer.PlayerId)] = racer.Position;
            for (var position = before + 1; position <= racer.Position; position++)
            {
                if (_sent.TryGetValue((racer.PlayerId, position), out var sentAt))
                {
                    _samplesMs.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
                }
            }
        }
    }

    /// <summary>Forgets what was seen, for the next race in the same room (positions start from 0 again).</summary>
    public void NextRace()
    {
        _sent.Clear();
        _seen.Clear();
    }

    public double Percentile(double percent)
    {
        var sorted = _samplesMs.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string Summary(string run) =>
        string.Create(CultureInfo.InvariantCulture, $"{run}: p50 {Percentile(50):0.0} ms, p99 {Percentile(99):0.0} ms, max {Percentile(100):0.0} ms over {Count} samples");

    /// <summary>Stops timing; the figures stay.</summary>
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
