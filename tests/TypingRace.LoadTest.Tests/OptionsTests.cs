using System.Globalization;
using Spectre.Console;
using TypingRace.LoadTest.Options;

namespace TypingRace.LoadTest.Tests;

/// <summary>Bad command lines stop the generator before it connects, with exit code 2 and what is wrong.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData("--url http://10.0.0.5:5000", "--url 'http://10.0.0.5:5000': expected an http:// address on this machine")]
    [InlineData("--url http://example.com", "--url 'http://example.com': expected an http:// address on this machine")]
    [InlineData("--racers 0", "--racers '0': expected a whole number from 1 to 100000")]
    [InlineData("--room-size 1", "--room-size '1': expected a whole number, 2 or more")]
    [InlineData("--wpm fast", "--wpm 'fast': expected a speed such as 100, or a range such as 60-140")]
    [InlineData("--error-rate 0.5", "A bot's error rate must be a share of its keys from 0 to 0.2, not 0.5.")]
    [InlineData("--protocol xml", "--protocol 'xml': expected json or messagepack")]
    [InlineData("--protocol 1", "--protocol '1': expected json or messagepack")]
    [InlineData("--server redis", "--server 'redis': expected typingrace, cohort or bare")]
    [InlineData("--duration 0s", "--duration '0s': expected a time of 1s or more")]
    [InlineData("--server-pid 0", "--server-pid '0': expected ids of running processes, each once, separated by commas")]
    [InlineData("--server-pid self,self", "--server-pid 'self,self': expected ids of running processes, each once")]
    [InlineData("--server-pid self,", "--server-pid 'self,': expected ids of running processes")]
    [InlineData("--racers", "--racers needs a value.")]
    [InlineData("--racers 5 --racers 6", "--racers is given twice.")]
    [InlineData("--speed 100", "--speed is not an option.")]
    [InlineData("racers 100", "Expected an option such as --racers, not 'racers'.")]
    public async Task A_bad_command_line_exits_with_code_2_and_names_the_problem(string commandLine, string problem)
    {
        var args = commandLine.Replace("self", $"{Environment.ProcessId}", StringComparison.Ordinal).Split(' ');
        var console = new StringWriter(CultureInfo.InvariantCulture);

        var exitCode = await LoadTestApp.Run(args, Console(console), CancellationToken.None);

        Assert.Equal(LoadTestApp.BadInput, exitCode);
        Assert.Contains(problem.Replace("self", $"{Environment.ProcessId}", StringComparison.Ordinal), console.ToString().ReplaceLineEndings(" "));
    }

    [Fact]
    public void Servers_and_protocols_are_named_in_any_case()
    {
        Assert.True(OptionsParser.TryParse(["--server", "BARE", "--protocol", "MessagePack"], out var options, out var problem), problem);

        Assert.Equal((ServerKind.Bare, WireProtocol.MessagePack), (options.Server, options.Protocol));
    }

    [Fact]
    public void A_silo_and_a_gateway_are_measured_together()
    {
        // This test's own process and init (pid 1), which every Linux machine has, stand in for the two servers.
        var (silo, gateway) = (Environment.ProcessId, 1);
        Assert.True(OptionsParser.TryParse(["--server-pid", $"{silo},{gateway}"], out var options, out var problem), problem);

        Assert.Equal([silo, gateway], options.ServerPids);
    }

    private static IAnsiConsole Console(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 500; // one problem per line, unwrapped
        return console;
    }
}
