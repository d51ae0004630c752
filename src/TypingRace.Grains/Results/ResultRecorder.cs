using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypingRace.Engine.Leaderboards;
using TypingRace.Leaderboards;

namespace TypingRace.Grains.Results;

/// <summary>
/// Writes finished results to the leaderboard store. A result the store cannot take right now waits in a bounded
/// in-memory queue and is retried with backoff until it lands; writes are idempotent by result id, so a retry never
/// counts twice. A crash during an outage loses what is queued. Results of different rooms recorded at the same time
/// go to Redis together, in one script call (<see cref="RedisLeaderboardStore"/>).
/// </summary>
public sealed partial class ResultRecorder : BackgroundService
{
    public const string MeterName = "TypingRace.Results";

    private readonly ILeaderboardStore _store;
    private readonly LeaderboardOptions _options;
    private readonly ILogger<ResultRecorder> _logger;
    private readonly Channel<Pending> _queue;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;
    private readonly Histogram<double> _writeDuration;

    public ResultRecorder(ILeaderboardStore store, IOptions<LeaderboardOptions> options, IMeterFactory meters, ILogger<ResultRecorder> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        _queue = Channel.CreateBounded<Pending>(
            new BoundedChannelOptions(_options.RetryQueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            OnDropped);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("typingrace.results.retry_queue", () => Queued, "{result}", "Results waiting for the leaderboard store");
        _dropped = meter.CreateCounter<long>("typingrace.results.dropped", "{result}", "Results dropped because the retry queue was full");
        _written = meter.CreateCounter<long>("typingrace.results.written", "{result}", "Results written to the leaderboards");
        _writeDuration = meter.CreateHistogram<double>("typingrace.results.write_duration", "ms", "Time one leaderboard write took, failed ones too");
    }

    /// <summary>Results waiting for the store; above zero means the store is, or was just, unreachable.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Writes the result now, or queues it for retry and returns null when the store cannot take it.</summary>
    public async Task<RecordOutcome?> Record(FinishedResult result, string playerName, CancellationToken cancellationToken)
    {
        var pending = new Pending(result, playerName);
        try
        {
            return await Write(pending, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogQueued(_logger, exception, result.ResultId);
            _queue.Writer.TryWrite(pending);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var delay = _options.FirstRetryDelay;
            while (true)
            {
                try
                {
                    await Write(pending, stoppingToken);
                    LogLanded(_logger, pending.Result.ResultId);
                    break;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRetry(_logger, exception, pending.Result.ResultId, delay);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                }
            }
        }
    }

    /// <summary>One bounded attempt; the timeout cancels the attempt itself, so nothing is left running behind it.</summary>
    private async Task<RecordOutcome> Write(Pending pending, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.WriteTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The name goes with the result: results recorded at the same time share one write, names and all.
            var outcome = await _store.Record(new ResultToRecord(pending.Result, pending.PlayerName), attempt.Token);
            _written.Add(1);
            return outcome;
        }
        finally
        {
            _writeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private void OnDropped(Pending dropped)
    {
        _dropped.Add(1);
        LogDropped(_logger, dropped.Result.ResultId, _options.RetryQueueCapacity);
    }

    private sealed record Pending(FinishedResult Result, string PlayerName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result {ResultId} could not be written; it waits in the retry queue.")]
    private static partial void LogQueued(ILogger logger, Exception exception, string resultId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result {ResultId} landed after a retry.")]
    private static partial void LogLanded(ILogger logger, string resultId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Result {ResultId} still cannot be written; next try in {Delay}.")]
    private static partial void LogRetry(ILogger logger, Exception exception, string resultId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Result {ResultId} was dropped: the retry queue is full ({Capacity}).")]
    private static partial void LogDropped(ILogger logger, string resultId, int capacity);
}
