using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using TypingRace.Engine.Bots;
using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Options;

/// <summary>Reads "--name value" pairs; every problem found is reported at once, as sentences.</summary>
public static class OptionsParser
{
    public const string Usage = """
        Usage: TypingRace.LoadTest [options]
               TypingRace.LoadTest table RESULT.json...    (the markdown table of bench/README.md)

          --url URL              server on this machine (default http://127.0.0.1:5000); loopback only
          --server KIND          typingrace (default), bare (bench/TypingRace.Bench.BareRelay), or
                                 cohort: one cohort round on TypingRace, every racer a student and the
                                 heats the rooms, all started together (docs/cohorts.md)
          --racers N             bot racers, each a SignalR connection (default 100)
          --room-size K          racers per room, 2 or more (default 5); in a cohort round the
                                 server's Cohorts:HeatSize decides instead
          --wpm W | LOW-HIGH     the bots' speed, or a uniform range of speeds (default 100)
          --error-rate E         share of a bot's character keys that are mistakes, 0 to 0.2 (default 0.03)
          --warmup T             racing before the measured phase (default 5s)
          --duration T           the measured phase (default 20s)
          --setup-timeout T      longest time for registering, connecting and joining (default 120s)
          --protocol P           json (default) or messagepack
          --client C             lean (default): the load tool's own JSON client over a bare WebSocket,
                                 or official: Microsoft.AspNetCore.SignalR.Client; messagepack is
                                 always official
          --server-pid PID[,PID] the server's processes, for their CPU and memory (read from /proc);
                                 a silo and a gateway in two processes are summed
          --out FILE             where the JSON figures go (default loadtest.json)
          --seed S               seed of the bots' randomness (default 1)

        Times are like 500ms, 20s or 2m; a bare number is seconds.
        """;

    private const int MaxRacers = 100_000;

    private delegate bool TryParser<T>(string text, [MaybeNullWhen(false)] out T value);

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out LoadTestOptions? options, out string problem)
    {
        options = null;
        if (!TryPairs(args, out var values, out problem))
        {
            return false;
        }

        var reader = new Reader(values);
        var url = reader.Get<Uri>("url", new Uri("http://127.0.0.1:5000"), TryLoopbackUrl, "an http:// address on this machine, such as http://127.0.0.1:5000");
        var server = reader.Get("server", ServerKind.TypingRace, TryName, "typingrace, cohort or bare");
        var racers = reader.Get("racers", 100, (string text, out int value) => TryInt(text, 1, MaxRacers, out value), $"a whole number from 1 to {MaxRacers}");
        var roomSize = reader.Get("room-size", 5, (string text, out int value) => TryInt(text, 2, MaxRacers, out value), "a whole number, 2 or more");
        var wpm = reader.Get<WpmDistribution>("wpm", new WpmDistribution(100, 100), WpmDistribution.TryParse, "a speed such as 100, or a range such as 60-140");
        var errorRate = reader.Get("error-rate", 0.03, TryDouble, "a share such as 0.03");
        var warmup = reader.Get("warmup", TimeSpan.FromSeconds(5), (string text, out TimeSpan value) => TryTime(text, TimeSpan.Zero, out value), "a time such as 5s");
        var duration = reader.Get("duration", TimeSpan.FromSeconds(20), (string text, out TimeSpan value) => TryTime(text, TimeSpan.FromSeconds(1), out value), "a time of 1s or more, such as 20s");
        var setupTimeout = reader.Get("setup-timeout", TimeSpan.FromSeconds(120), (string text, out TimeSpan value) => TryTime(text, TimeSpan.FromSeconds(1), out value), "a time of 1s or more, such as 120s");
        var protocol = reader.Get("protocol", WireProtocol.Json, TryName, "json or messagepack");
        var link = reader.Get("client", LinkKind.Lean, TryName, "lean or official");
        var serverPids = reader.Get<int[]>("server-pid", [], TryPids, "ids of running processes, each once, separated by commas");
        var output = reader.Get("out", "loadtest.json", TryFileName, "a file name");
        var seed = reader.Get("seed", 1, (string text, out int value) => TryInt(text, int.MinValue, int.MaxValue, out value), "a whole number");

        reader.ReportUnknown();

        // The bot engine knows which speeds and error rates it can type; ask it about both ends of the range.
        foreach (var speed in new[] { wpm.Low, wpm.High }.Distinct())
        {
            if (!BotStyle.TryCreate(speed, errorRate, out _, out var styleProblem))
            {
                reader.Problems.Add(styleProblem);
            }
        }

        problem = string.Join(Environment.NewLine, reader.Problems.Distinct());
        options = problem.Length == 0
            ? new LoadTestOptions(url, server, racers, roomSize, wpm, errorRate, warmup, duration, setupTimeout, protocol, protocol == WireProtocol.MessagePack ? LinkKind.Official : link, serverPids, output, seed)
            : null;
        return options is not null;
    }

    private static bool TryPairs(IReadOnlyList<string> args, out Dictionary<string, string> values, out string problem)
    {
        values = [];
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length == 2)
            {
                problem = $"Expected an option such as --racers, not '{name}'.";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"{name} needs a value.";
                return false;
            }

            if (!values.TryAdd(name[2..], args[i + 1]))
            {
                problem = $"{name} is given twice.";
                return false;
            }
        }

        problem = "";
        return true;
    }

    private static bool TryLoopbackUrl(string text, [NotNullWhen(true)] out Uri? url)
    {
        // Loopback only: the generator is a denial of service for whatever it points at.
        url = Uri.TryCreate(text, UriKind.Absolute, out var parsed)
              && parsed.Scheme is "http" or "https"
              && (parsed.IsLoopback || (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))
            ? parsed
            : null;
        return url is not null;
    }

    private static bool TryFileName(string text, out string file)
    {
        file = text;
        return !string.IsNullOrWhiteSpace(text);
    }

    /// <summary>An enum value by its name in any case, as the report writes it back in lower case.</summary>
    private static bool TryName<T>(string text, out T value)
        where T : struct, Enum
    {
        var named = Enum.GetValues<T>().Where(candidate => string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)).ToList();
        value = named.FirstOrDefault();
        return named.Count == 1;
    }

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryPids(string text, out int[] pids)
    {
        pids = [.. text.Split(',').Select(part => TryInt(part.Trim(), 1, int.MaxValue, out var pid) && Directory.Exists($"/proc/{pid}") ? pid : 0)];
        return pids.All(pid => pid > 0) && pids.Distinct().Count() == pids.Length;
    }

    private static bool TryTime(string text, TimeSpan minimum, out TimeSpan time)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], TimeSpan.FromMilliseconds(1))
            : text.EndsWith('s') ? (text[..^1], TimeSpan.FromSeconds(1))
            : text.EndsWith('m') ? (text[..^1], TimeSpan.FromMinutes(1))
            : (text, TimeSpan.FromSeconds(1));
        time = TryDouble(number, out var count) && count >= 0 && count <= TimeSpan.FromHours(1) / unit ? unit * count : TimeSpan.MinValue;
        return time >= minimum;
    }

    /// <summary>Reads one option at a time, remembering what was wrong, so the user sees every problem together.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> values)
    {
        private readonly HashSet<string> read = [];

        public List<string> Problems { get; } = [];

        public T Get<T>(string name, T fallback, TryParser<T> parse, string expected)
        {
            read.Add(name);
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            Problems.Add($"--{name} '{text}': expected {expected}.");
            return fallback;
        }

        public void ReportUnknown() =>
            Problems.AddRange(values.Keys.Where(name => !read.Contains(name)).Select(name => $"--{name} is not an option."));
    }
}
