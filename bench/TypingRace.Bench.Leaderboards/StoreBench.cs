using System.Diagnostics;
using HdrHistogram;
using StackExchange.Redis;
using TypingRace.Engine.Leaderboards;
using TypingRace.Grains.Results;
using TypingRace.Leaderboards;

namespace TypingRace.Bench.Leaderboards;

/// <summary>What one measured run of the store wrote, and the Redis and CPU readings taken around it.</summary>
/// <param name="Results">Record calls started in the measured window, all of which finished before the end reading.</param>
/// <param name="Errors">Calls the recorder could not write and queued for retry (it logs why; the first is in FirstError).</param>
/// <param name="Placements">Board placements those calls returned: how many boards the results entered.</param>
/// <param name="Duplicates">Calls the store called a replay; 0 unless result ids collide.</param>
/// <param name="LatencyMicroseconds">One value per call, from just before the call to its reply.</param>
/// <param name="Timeline">Calls finished in each whole second of the measured window.</param>
internal sealed record StoreRun(
    long Results,
    long Placements,
    long Duplicates,
    long Errors,
    string? FirstError,
    double Seconds,
    HistogramBase LatencyMicroseconds,
    IReadOnlyList<long> Timeline,
    RedisInfo Before,
    RedisInfo After,
    double BenchCpuSeconds,
    CpuSample MachineBefore,
    CpuSample MachineAfter);

/// <summary>
/// Keeps <see cref="BenchOptions.Concurrency"/> calls to <see cref="ResultRecorder.Record"/> in flight, as that many
/// player grains recording at once would, first for the warm-up, then for the measured duration. The recorder's store
/// gathers them into script calls on one multiplexer.
/// </summary>
internal sealed class StoreBench(ResultRecorder recorder, FirstError firstError, IServer server, Workload workload, BenchOptions options)
{
    /// <summary>A minute, in microseconds: far above any write the bench could wait for.</summary>
    private const long HighestLatency = 60_000_000;

    private readonly LongHistogram[] histograms =
        [.. Enumerable.Range(0, options.Concurrency).Select(_ => new LongHistogram(HighestLatency, 3))];
    private readonly long[] measured = new long[options.Concurrency];
    private readonly long[] placements = new long[options.Concurrency];
    private readonly long[] duplicates = new long[options.Concurrency];
    private readonly long[] errors = new long[options.Concurrency];
    private long measureFrom = long.MaxValue;
    private long completed;
    private volatile bool stop;

    public async Task<StoreRun> Run(Action<string> progress)
    {
        // A race's results are in flight together, so Concurrency results are in flight in all.
        var workers = Enumerable.Range(0, Math.Max(1, options.Concurrency / options.RaceSize)).Select(i => Task.Run(() => Worker(i))).ToArray();

        progress($"warming up for {options.Warmup.TotalSeconds:0} s");
        await Task.Delay(options.Warmup);

        // From here on, calls that start are measured. INFO goes down the same connection, so it reaches Redis
        // behind the calls already sent and ahead of the measured ones.
        Volatile.Write(ref measureFrom, Stopwatch.GetTimestamp());
        var start = Stopwatch.GetTimestamp();
        var before = await RedisInfo.Read(server);
        var machineBefore = CpuSample.Read();
        var cpuBefore = CpuOfThisProcess();

        var timeline = new List<long>();
        var last = Interlocked.Read(ref completed);
        var seconds = (int)Math.Ceiling(options.Duration.TotalSeconds);
        for (var second = 1; second <= seconds; second++)
        {
            var due = start + (long)(Math.Min(second, options.Duration.TotalSeconds) * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var now = Interlocked.Read(ref completed);
            timeline.Add(now - last);
            last = now;
            if (second % 5 == 0 || second == seconds)
            {
                progress($"{second,3} s: {timeline[^1]:N0} results in the last second, {errors.Sum():N0} errors");
            }
        }

        stop = true;
        await Task.WhenAll(workers);
        var end = Stopwatch.GetTimestamp();
        var cpuAfter = CpuOfThisProcess();
        var machineAfter = CpuSample.Read();
        var after = await RedisInfo.Read(server);

        var latency = new LongHistogram(HighestLatency, 3);
        foreach (var histogram in histograms)
        {
            latency.Add(histogram);
        }

        return new StoreRun(
            measured.Sum(),
            placements.Sum(),
            duplicates.Sum(),
            errors.Sum(),
            firstError.Message,
            Stopwatch.GetElapsedTime(start, end).TotalSeconds,
            latency,
            timeline,
            before,
            after,
            (cpuAfter - cpuBefore).TotalSeconds,
            machineBefore,
            machineAfter);
    }

    private async Task Worker(int index)
    {
        var random = new Random(HashCode.Combine(options.Seed, index));
        var histogram = histograms[index];
        while (!stop)
        {
            IReadOnlyList<(FinishedResult Result, string PlayerName)> results =
                options.RaceSize == 1 ? [workload.Next(random)] : workload.NextRace(random, options.RaceSize);
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(results.Select(async entry =>
            {
                var outcome = await recorder.Record(entry.Result, entry.PlayerName, CancellationToken.None);
                var took = Stopwatch.GetElapsedTime(started);
                lock (histogram)
                {
                    Tally(index, outcome, started, took);
                }
            }));
        }
    }

    private void Tally(int index, RecordOutcome? outcome, long started, TimeSpan took)
    {
        Interlocked.Increment(ref completed);
        if (outcome is null)
        {
            errors[index]++;
        }
        else if (started >= Volatile.Read(ref measureFrom))
        {
            histograms[index].RecordValue(Math.Min(HighestLatency, (long)took.TotalMicroseconds));
            measured[index]++;
            placements[index] += outcome.Placements.Count;
            duplicates[index] += outcome.Duplicate ? 1 : 0;
        }
    }

    private static TimeSpan CpuOfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>The first line of /proc/stat: CPU time of the whole machine, in clock ticks, summed over cores.</summary>
internal sealed record CpuSample(long Busy, long Total)
{
    public static CpuSample Read()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Skip(1).Take(8).Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return new CpuSample(total - idle, total);
        }
        catch (IOException)
        {
            return new CpuSample(0, 0);
        }
    }

    /// <summary>How many cores were busy on average between the two samples, by anything on the machine.</summary>
    public double BusyCoresUntil(CpuSample later) =>
        later.Total > Total ? (double)(later.Busy - Busy) / (later.Total - Total) * Environment.ProcessorCount : double.NaN;
}
