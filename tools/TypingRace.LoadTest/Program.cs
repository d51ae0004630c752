using Spectre.Console;
using TypingRace.LoadTest;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    interrupted.Cancel();
};
return await LoadTestApp.Run(args, AnsiConsole.Console, interrupted.Token);
