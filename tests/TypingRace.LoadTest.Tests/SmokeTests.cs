using System.Globalization;
using Spectre.Console;
using TypingRace.LoadTest.Reporting;
using Xunit.Abstractions;

namespace TypingRace.LoadTest.Tests;

/// <summary>
/// A short run against each real server: the generator connects, races and writes its JSON with figures in it.
/// Nothing is asserted about speed; the machine running the tests may be busy.
/// </summary>
public sealed class SmokeTests(ITestOutputHelper output)
{
    private const int Racers = 20;

    [Theory]
    [InlineData("typingrace", "json", "lean")]
    [InlineData("typingrace", "messagepack", "official")]
    [InlineData("bare", "json", "lean")]
    public async Task Races_on_a_real_server_and_writes_its_figures(string kind, string protocol, string client)
    {
        await using var server = kind == "bare" ? await ServerProcess.StartBareRelay() : await ServerProcess.StartGateway();
        var report = await Run(server, kind, protocol);

        Assert.Equal(kind, report.Server);
        Assert.Equal(protocol, report.Protocol);
        Assert.Equal(client, report.Client);
        AssertRaced(report, server);
    }

    /// <summary>The cohort mode: 20 students of one cohort, whose round puts them in four heats of five that race together.</summary>
    [Fact]
    public async Task Races_a_cohort_round_in_heats_on_a_real_gateway_and_writes_its_figures()
    {
        await using var server = await ServerProcess.StartGateway();
        var report = await Run(server, "cohort", "json");

        Assert.Equal("cohort", report.Server);
        Assert.Equal(Racers / 5, report.Rooms);
        AssertRaced(report, server);
    }

    private async Task<RunReport> Run(ServerProcess server, string kind, string protocol)
    {
        var json = Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json");
        var console = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var exitCode = await LoadTestApp.Run(
                [
                    "--url", server.Url.ToString(), "--server", kind, "--protocol", protocol,
                    "--racers", $"{Racers}", "--room-size", "5", "--warmup", "1s", "--duration", "5s",
                    "--server-pid", $"{server.Pid}", "--out", json,
                ],
                AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), Ansi = AnsiSupport.No }),
                timeout.Token);

            Assert.True(exitCode == LoadTestApp.Done, $"exit code {exitCode}; server log:\n{server.Log}");
            return RunReport.Read(json);
        }
        finally
        {
            output.WriteLine(console.ToString());
            File.Delete(json);
        }
    }

    private static void AssertRaced(RunReport report, ServerProcess server)
    {
        Assert.True(report.Errors == 0, $"errors: {string.Join(", ", report.ErrorsByKind)}; server log:\n{server.Log}");
        Assert.Equal(Racers, report.Connected);
        Assert.True(report.OfferedKeysPerSecond > 0, "no key was typed");
        Assert.True(report.AcceptedKeysPerSecond > 0, "no key was accepted");
        Assert.True(report.UpdatesPerSecond > 0, "no update arrived");
        Assert.True(report.LatencyMs.Samples > 0 && report.LatencyMs.P50 > 0 && report.LatencyMs.P99 >= report.LatencyMs.P50, "no relay latency was measured");
        Assert.Equal(0, report.UnexpectedStates);
        Assert.True(report.ServerProcess is { CpuPercent: > 0, LoadedRssMb: > 0 }, "the server's CPU and memory were not read");
        Assert.True(report.Generator.CpuPercent > 0, "the generator's CPU was not read");

        // Every key batch is a message out and one back, and every update one more in.
        Assert.True(report.Generator.MessagesPerSecond > report.UpdatesPerSecond, "the generator's messages were not counted");
        Assert.True(report.Generator.CpuMicrosecondsPerMessage > 0, "the generator's CPU per message was not worked out");
        Assert.True(report.ServerProcess!.CpuMicrosecondsPerKey > 0, "the server's CPU per key was not worked out");
    }
}
