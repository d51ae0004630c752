using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TypingRace.LoadTest.Reporting;

/// <summary>The full figures of one run, as written to the JSON file. Rates and latencies cover the measured phase only.</summary>
/// <param name="Rooms">Rooms that raced: a cohort round's heats, or the rooms of <c>RoomSize</c>.</param>
/// <param name="Connected">Racers connected at the end of the measured phase.</param>
/// <param name="Undelivered">Updates opponents should have received for keys typed in the measured phase, and had not when the run ended.</param>
/// <param name="UnexpectedStates">Updates showing a racer in a state its keys never led to: the server and this tool disagree on scoring.</param>
/// <param name="Client">lean or official (<c>IRaceLink</c>); runs before the lean client existed all used the official one.</param>
public sealed record RunReport(
    string Server,
    string Protocol,
    string Url,
    int Racers,
    int RoomSize,
    int Rooms,
    string Wpm,
    double ErrorRate,
    double WarmupSeconds,
    double DurationSeconds,
    DateTimeOffset StartedAt,
    int Connected,
    LatencyFigures LatencyMs,
    double OfferedKeysPerSecond,
    double AcceptedKeysPerSecond,
    double UpdatesPerSecond,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long Undelivered,
    long UnexpectedStates,
    ServerFigures? ServerProcess,
    GeneratorFigures Generator,
    MachineFigures Machine,
    string Client = "official")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteTo(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }

    public static RunReport Read(string path) =>
        JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no run report.");
}

/// <param name="Samples">One per key per opponent who saw it.</param>
public sealed record LatencyFigures(long Samples, double P50, double P90, double P99, double Max, double Mean);

/// <param name="Pids">The server's processes; CPU and memory are their sums.</param>
/// <param name="CpuPercent">Over the measured phase, in percent of one core.</param>
/// <param name="RssPerRacerKb">(loaded RSS - idle RSS) / connected racers.</param>
/// <param name="CpuMicrosecondsPerKey">CPU time over the measured phase ÷ keys accepted in it.</param>
public sealed record ServerFigures(int[] Pids, double CpuPercent, double IdleRssMb, double LoadedRssMb, double RssPerRacerKb, double CpuMicrosecondsPerKey = 0);

/// <param name="CpuPercent">Over the measured phase, in percent of one core: near the machine's cores × 100, the generator is the limit.</param>
/// <param name="MessagesPerSecond">Hub messages sent and received: key batches, progress frames and room views.</param>
/// <param name="CpuMicrosecondsPerMessage">CPU time over the measured phase ÷ messages in it.</param>
public sealed record GeneratorFigures(double CpuPercent, long OpenFileLimit, double MessagesPerSecond = 0, double CpuMicrosecondsPerMessage = 0);

/// <param name="LoadAverage">The machine's 1-minute load average at the end of the run: above its cores, other work competed for them.</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the run: above its cores, other work competed for them.</param>
public sealed record MachineFigures(int Cores, string Cpu, string Os, double LoadAverage)
{
    public static MachineFigures Current() => new(MachineCores(), CpuModel(), RuntimeInformation.OSDescription, CurrentLoadAverage());

    /// <summary>The machine's cores, not the ones this process may use: bench/relay/run.sh pins the generator to one.</summary>
    private static int MachineCores() =>
        ReadLines("/proc/cpuinfo").Count(line => line.StartsWith("processor", StringComparison.Ordinal)) is > 0 and var cores ? cores : Environment.ProcessorCount;

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':') + 1)..].Trim()
            : "unknown";

    private static double CurrentLoadAverage() =>
        ReadLines("/proc/loadavg").FirstOrDefault()?.Split(' ')[0] is { } first
            ? double.Parse(first, CultureInfo.InvariantCulture)
            : -1;

    /// <summary>Empty where /proc cannot be read: these figures describe the run, they are not needed for it.</summary>
    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
