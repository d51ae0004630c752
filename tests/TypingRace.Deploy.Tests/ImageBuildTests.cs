using System.Diagnostics;
using System.Net;
using System.Text;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>
/// What the images' build stage does, done here: the build context as Docker would send it (the files git knows,
/// less those .dockerignore leaves out), and each Dockerfile's own <c>dotnet publish</c> line run in it. The base
/// images cannot be pulled here, so the runtime stage is checked by running the published host with the
/// Dockerfile's ENV, ENTRYPOINT and HEALTHCHECK, on loopback ports instead of the container's.
/// </summary>
public sealed class PublishedImages : IAsyncLifetime
{
    public static readonly string[] Images = ["silo", "gateway"];

    private readonly DirectoryInfo _context = Directory.CreateTempSubdirectory("typingrace-image-context-");

    public string Context => _context.FullName;

    public Dictionary<string, Dockerfile> Dockerfiles { get; } = [];

    /// <summary>Where each image's publish line put its output, in place of the image's /app.</summary>
    public Dictionary<string, string> Outputs { get; } = [];

    public async Task InitializeAsync()
    {
        await CopyBuildContext();
        foreach (var image in Images)
        {
            var dockerfile = Dockerfile.Read(Path.Combine(Repository.Root, "deploy", "docker", $"{image}.Dockerfile"));
            Dockerfiles[image] = dockerfile;
            var output = Path.Combine(Context, "published", image);
            var (exit, log) = await Processes.Run("dotnet", Context, dockerfile.PublishArguments(output));
            if (exit != 0)
            {
                throw new InvalidOperationException($"The {image} image's '{dockerfile.Publish}' failed ({exit}):\n{log}");
            }

            Outputs[image] = output;
        }
    }

    public Task DisposeAsync()
    {
        _context.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private async Task CopyBuildContext()
    {
        var (exit, listed) = await Processes.Run("git", Repository.Root, ["ls-files", "--cached", "--others", "--exclude-standard"]);
        if (exit != 0)
        {
            throw new InvalidOperationException($"git ls-files failed:\n{listed}");
        }

        var ignored = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        foreach (var file in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ignored.Any(pattern => Ignores(pattern, file)) || !File.Exists(Path.Combine(Repository.Root, file)))
            {
                continue;
            }

            var target = Path.Combine(Context, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Repository.Root, file), target);
        }
    }

    /// <summary>The two forms our .dockerignore uses: "**/name" for a folder anywhere, and a path from the root.</summary>
    private static bool Ignores(string pattern, string file) =>
        pattern.StartsWith("**/", StringComparison.Ordinal)
            ? file.Split('/').SkipLast(1).Contains(pattern[3..])
            : file == pattern || file.StartsWith(pattern + "/", StringComparison.Ordinal);
}

/// <summary>The parts of a Dockerfile the checks read.</summary>
public sealed record Dockerfile(string[] Lines, string Publish, Dictionary<string, string> Environment, string[] Entrypoint, string[] HealthCheck)
{
    public static Dockerfile Read(string path)
    {
        var lines = File.ReadAllLines(path);

        // Instructions with their continuation lines joined, as Docker reads them.
        var instructions = new List<string>();
        var current = new StringBuilder();
        foreach (var line in lines.Where(line => !line.TrimStart().StartsWith('#')))
        {
            var trimmed = line.Trim();
            current.Append(trimmed.TrimEnd('\\').Trim()).Append(' ');
            if (!trimmed.EndsWith('\\'))
            {
                instructions.Add(current.ToString().Trim());
                current.Clear();
            }
        }

        var publish = instructions.Single(i => i.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN ".Length..];
        var environment = instructions.Where(i => i.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(i => i["ENV ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));
        return new Dockerfile(
            lines,
            publish,
            environment,
            ExecForm(instructions.Single(i => i.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..]),
            ExecForm(instructions.Single(i => i.StartsWith("HEALTHCHECK ", StringComparison.Ordinal)).Split(" CMD ", 2)[1]));
    }

    /// <summary>The publish line's arguments after "dotnet", with the image's output folder replaced.</summary>
    public string[] PublishArguments(string output)
    {
        var arguments = Publish.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var o = Array.IndexOf(arguments, "-o");
        arguments[o + 1] = output;
        return arguments;
    }

    private static string[] ExecForm(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!;
}

/// <summary>Each image's build stage publishes a host that starts, passes its own HEALTHCHECK and stops cleanly.</summary>
public sealed class ImageBuildTests(PublishedImages images) : IClassFixture<PublishedImages>
{
    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task The_dockerfiles_publish_line_builds_a_host_that_passes_its_healthcheck_and_serves_metrics_only_on_the_management_port(string image)
    {
        var dockerfile = images.Dockerfiles[image];
        var output = images.Outputs[image];
        Assert.True(File.Exists(Path.Combine(output, dockerfile.Entrypoint[1])), $"{dockerfile.Entrypoint[1]} is not in the published output");

        // The image's ports, as the Dockerfile sets them: players (or probes) on the first, Prometheus on the Management:Port.
        var urls = dockerfile.Environment["ASPNETCORE_URLS"].Split(';');
        Assert.Equal(["http://+:8080", $"http://+:{dockerfile.Environment["Management__Port"]}"], urls);
        Assert.Contains("http://127.0.0.1:8080/readyz", dockerfile.HealthCheck);

        int http = LoopbackPorts.Free(), management = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>(dockerfile.Environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{http};http://127.0.0.1:{management}",
            ["Management__Port"] = management.ToString(),
            ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(),
            ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(),
        };
        using var host = Processes.Start(dockerfile.Entrypoint[0], output, dockerfile.Entrypoint[1..], environment);
        var log = new StringBuilder();
        host.OutputDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        host.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            // The HEALTHCHECK's own command, pointed at this host's port.
            var healthCheck = dockerfile.HealthCheck.Select(arg => arg.Replace(":8080/", $":{http}/", StringComparison.Ordinal)).ToArray();
            try
            {
                await Eventually.Get(
                    async () => (await Processes.Run(healthCheck[0], output, healthCheck[1..])).Exit,
                    exit => exit == 0,
                    $"the {image}'s HEALTHCHECK to pass",
                    TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException timeout)
            {
                lock (log)
                {
                    throw new TimeoutException($"{timeout.Message}\nThe host printed:\n{log}", timeout);
                }
            }

            using var players = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
            Assert.Equal("Healthy", await players.GetStringAsync("/readyz"));
            Assert.Equal(HttpStatusCode.NotFound, (await players.GetAsync("/metrics")).StatusCode);
            using var prometheus = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{management}") };
            var metrics = await prometheus.GetStringAsync("/metrics");
            Assert.Contains(image == "silo" ? "typingrace_rooms_active" : "typingrace_gateway_connections", metrics, StringComparison.Ordinal);
            if (image == "gateway")
            {
                Assert.Contains("<title>TypingRace", await players.GetStringAsync("/"), StringComparison.Ordinal);
            }

            // Docker stops a container with SIGTERM: the host leaves cleanly, well inside the grace period.
            LocalCluster.Signal(host.Id, "TERM");
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await host.WaitForExitAsync(stopped.Token);
            Assert.Equal(0, host.ExitCode);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }
}
