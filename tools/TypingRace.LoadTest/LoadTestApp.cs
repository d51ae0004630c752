using Spectre.Console;
using TypingRace.LoadTest.Options;
using TypingRace.LoadTest.Reporting;

namespace TypingRace.LoadTest;

/// <summary>The command line: a load run, or the relay table of earlier runs. Exit codes: 0 done, 1 the run failed, 2 bad input.</summary>
public static class LoadTestApp
{
    public const int Done = 0, Failed = 1, BadInput = 2;

    public static async Task<int> Run(string[] args, IAnsiConsole console, CancellationToken cancellationToken)
    {
        switch (args)
        {
            case ["--help" or "-h"]:
                console.WriteLine(OptionsParser.Usage);
                return Done;
            case ["table", .. var files]:
                return PrintTable(files, console);
        }

        if (!OptionsParser.TryParse(args, out var options, out var problem))
        {
            return Refuse(console, problem);
        }

        try
        {
            var report = await new LoadRun(options, console).Execute(cancellationToken);
            SummaryTable.Write(console, report);
            await report.WriteTo(options.OutputPath, cancellationToken);
            console.MarkupLineInterpolated($"Figures written to [bold]{Path.GetFullPath(options.OutputPath)}[/].");
            return Done;
        }
        catch (LoadRunFailedException failure)
        {
            console.MarkupLineInterpolated($"[red]{failure.Message}[/]");
            return Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Interrupted; no figures written.[/]");
            return Failed;
        }
    }

    private static int PrintTable(string[] files, IAnsiConsole console)
    {
        var missing = files.Where(file => !File.Exists(file)).ToList();
        if (files.Length == 0 || missing.Count > 0)
        {
            return Refuse(console, files.Length == 0 ? "table needs the JSON files of the runs." : $"No such file: {string.Join(", ", missing)}.");
        }

        // Plain text, not markup: the table goes into a README as it is.
        console.Profile.Out.Writer.Write(RelayTable.Markdown(files.Select(RunReport.Read).ToList()));
        return Done;
    }

    private static int Refuse(IAnsiConsole console, string problem)
    {
        console.MarkupLineInterpolated($"[red]{problem}[/]");
        console.WriteLine();
        console.WriteLine(OptionsParser.Usage);
        return BadInput;
    }
}
