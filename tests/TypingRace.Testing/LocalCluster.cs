using System.Diagnostics;
using System.Text;
using Xunit;

namespace TypingRace.Testing;

/// <summary>
/// deploy/local-cluster.sh, run as a user runs it (as an xunit fixture, or by hand with Start and Stop): real redis-server, two silo processes, two gateway processes and
/// nginx, on free loopback ports, with the test clocks. Processes are found by name in its processes.tsv.
/// </summary>
public class LocalCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly IReadOnlyDictionary<string, string> _extraSettings;
    private readonly StringBuilder _output = new();
    private readonly DirectoryInfo _runDir = Directory.CreateTempSubdirectory("typingrace-cluster-test-");
    private Process _script = null!;

    public LocalCluster()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="extraSettings">Environment settings on top of the test clocks, for every process of the cluster.</param>
    protected LocalCluster(IReadOnlyDictionary<string, string> extraSettings) => _extraSettings = extraSettings;

    public int Port { get; } = LoopbackPorts.Free();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public string RunDir => _runDir.FullName;

    public async Task InitializeAsync()
    {
        var root = Repository.Root;
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(root, "deploy", "local-cluster.sh"), "--no-build", "--port", Port.ToString(), "--run-dir", RunDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = root,
        };
        foreach (var (name, value) in Settings.Concat(_extraSettings))
        {
            start.Environment[name] = value;
        }

        _script = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _script.OutputDataReceived += (_, line) =>
        {
            Keep(line.Data);
            if (line.Data?.StartsWith("TypingRace is on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _script.ErrorDataReceived += (_, line) => Keep(line.Data);
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        var exited = _script.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
        {
            throw new InvalidOperationException($"deploy/local-cluster.sh did not come up within {StartTimeout}:\n{Output}");
        }
    }

    public async Task DisposeAsync()
    {
        if (!_script.HasExited)
        {
            // The script's own stop: gateways drain, silos leave, Redis last.
            Signal(_script.Id, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await _script.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _script.Kill(entireProcessTree: true);
            }
        }

        _script.Dispose();
        if (Environment.GetEnvironmentVariable("TYPINGRACE_KEEP_CLUSTER_LOGS") is not { Length: > 0 })
        {
            _runDir.Delete(recursive: true);
        }
    }

    /// <summary>The test clocks: short countdown, a time limit no loaded machine meets by accident.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Rooms__Countdown"] = "00:00:00.500",
        ["Rooms__RaceTimeLimit"] = "00:03:00",
        ["Rooms__IdleLimit"] = "00:02:00",
        ["Gateway__DrainTimeout"] = "00:00:10",
        ["Gateway__DrainReconnectJitter"] = "00:00:00.500",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__TypingRace"] = "Information",
        ["Guides__Directory"] = TestGuides.Directory,
    };

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The current pid of a process (it changes when the script starts it again).</summary>
    public int Pid(string name) => int.Parse(Row(name)[1]);

    public string LogOf(string name) => Row(name)[3];

    public int HttpPort(string name) => PortOf(name, "http");

    /// <summary>Where the process serves /metrics: only there, never on the port players use.</summary>
    public int MetricsPort(string name) => PortOf(name, "metrics");

    private int PortOf(string name, string kind) =>
        int.Parse(Row(name)[2].Split(' ').Single(p => p.StartsWith(kind + "=", StringComparison.Ordinal))[(kind.Length + 1)..]);

    /// <summary>Runs a built host in its probe mode (<c>--probe URL</c>) and returns its exit code.</summary>
    public static async Task<int> Probe(string project, string url)
    {
        var dll = Path.Combine(Repository.Root, "src", project, "bin", "Release", "net10.0", project + ".dll");
        using var probe = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--probe", url }, RedirectStandardError = true })!;
        await probe.WaitForExitAsync();
        return probe.ExitCode;
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>The silo whose log says it created <paramref name="code"/>: rooms are placed at random.</summary>
    public string SiloHolding(string code) =>
        new[] { "silo-1", "silo-2" }.Single(silo => ReadShared(LogOf(silo)).Contains($"Room {code} created", StringComparison.Ordinal));

    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Waits until every silo and gateway answers /readyz: after a restart, before the next race.</summary>
    public async Task EveryProcessReady()
    {
        foreach (var name in new[] { "silo-1", "silo-2", "gateway-1", "gateway-2" })
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort(name)}"), Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.Get(
                async () =>
                {
                    try
                    {
                        return (await http.GetAsync("/readyz")).IsSuccessStatusCode;
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                ready => ready,
                $"{name} to be ready",
                TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>Waits until the script has started <paramref name="name"/> again after it died.</summary>
    public Task WaitForRestart(string name, int oldPid) =>
        Eventually.Get(() => Task.FromResult(Pid(name)), pid => pid != oldPid, $"{name} to be started again", TimeSpan.FromSeconds(30));

    private string[] Row(string name) =>
        File.ReadAllLines(Path.Combine(RunDir, "processes.tsv")).Select(line => line.Split('\t')).Single(row => row[0] == name);

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
