using System.Globalization;
using StackExchange.Redis;

namespace TypingRace.Bench.Leaderboards;

/// <summary>One <c>INFO all</c> reading: the counters the bench takes deltas of.</summary>
/// <param name="TotalCommands">
/// total_commands_processed. On Redis 7 it counts the commands a Lua script runs as well as the EVALSHA itself
/// (checked: one EVAL with three redis.call raises it by four).
/// </param>
/// <param name="Calls">Per command (lowercase), calls from INFO commandstats; again including calls from scripts.</param>
/// <param name="Microseconds">Per command, usec from INFO commandstats. A script's usec includes its inner commands.</param>
/// <param name="CpuSeconds">used_cpu_user + used_cpu_sys of the server process.</param>
internal sealed record RedisInfo(
    string Version,
    long TotalCommands,
    IReadOnlyDictionary<string, long> Calls,
    IReadOnlyDictionary<string, long> Microseconds,
    double CpuSeconds)
{
    public static async Task<RedisInfo> Read(IServer server)
    {
        var text = await server.InfoRawAsync("all");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        var micros = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.StartsWith('#') || colon < 0)
            {
                continue;
            }

            var key = line[..colon];
            var value = line[(colon + 1)..];
            if (key.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                // cmdstat_zadd:calls=12,usec=345,usec_per_call=28.75,rejected_calls=0,failed_calls=0
                var parts = value.Split(',').Select(p => p.Split('=')).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
                var command = key["cmdstat_".Length..];
                calls[command] = long.Parse(parts["calls"], CultureInfo.InvariantCulture);
                micros[command] = long.Parse(parts["usec"], CultureInfo.InvariantCulture);
            }
            else
            {
                fields[key] = value;
            }
        }

        return new RedisInfo(
            fields.GetValueOrDefault("redis_version", "unknown"),
            long.Parse(fields["total_commands_processed"], CultureInfo.InvariantCulture),
            calls,
            micros,
            double.Parse(fields["used_cpu_user"], CultureInfo.InvariantCulture)
                + double.Parse(fields["used_cpu_sys"], CultureInfo.InvariantCulture));
    }

    /// <summary>Per command, how many more calls <paramref name="later"/> counted than this reading; zeros left out.</summary>
    public SortedDictionary<string, long> CallsUntil(RedisInfo later) => Delta(Calls, later.Calls);

    public SortedDictionary<string, long> MicrosecondsUntil(RedisInfo later) => Delta(Microseconds, later.Microseconds);

    private static SortedDictionary<string, long> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        var delta = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (command, value) in after)
        {
            var change = value - before.GetValueOrDefault(command);
            if (change != 0)
            {
                delta[command] = change;
            }
        }

        return delta;
    }
}
