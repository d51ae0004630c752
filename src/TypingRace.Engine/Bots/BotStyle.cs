using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TypingRace.Engine.Bots;

/// <summary>How a bot types: its target speed and the share of its character keys that are mistakes.</summary>
/// <param name="Wpm">The WPM a <see cref="Typing.TypingSession"/> should score the bot at, from <see cref="MinWpm"/> to <see cref="MaxWpm"/>.</param>
/// <param name="ErrorRate">The 1 - accuracy the bot should end with, from 0 to <see cref="MaxErrorRate"/>.</param>
public sealed record BotStyle(double Wpm, double ErrorRate)
{
    // Slower than 10 WPM is hardly racing; faster than 250 no person keeps up for long, and 300 is flagged as impossible.
    public const double MinWpm = 10, MaxWpm = 250, MaxErrorRate = 0.2;

    // The initializers run in the constructor and the init accessors in `with`, so neither way makes a bad style.
    public double Wpm
    {
        get;
        init => field = Checked(value, WpmProblem(value), nameof(Wpm));
    } = Checked(Wpm, WpmProblem(Wpm), nameof(Wpm));

    public double ErrorRate
    {
        get;
        init => field = Checked(value, ErrorRateProblem(value), nameof(ErrorRate));
    } = Checked(ErrorRate, ErrorRateProblem(ErrorRate), nameof(ErrorRate));

    /// <summary>For input from outside (a form, a config file): says what is wrong instead of throwing.</summary>
    /// <param name="problem">"" when the style was made; otherwise every problem found, as sentences.</param>
    public static bool TryCreate(double wpm, double errorRate, [NotNullWhen(true)] out BotStyle? style, out string problem)
    {
        string?[] problems = [WpmProblem(wpm), ErrorRateProblem(errorRate)];
        problem = string.Join(" ", problems.OfType<string>());
        style = problem.Length == 0 ? new BotStyle(wpm, errorRate) : null;
        return style is not null;
    }

    private static string? WpmProblem(double wpm) => wpm is >= MinWpm and <= MaxWpm
        ? null
        : $"A bot's speed must be from {MinWpm} to {MaxWpm} WPM, not {Show(wpm)}.";

    private static string? ErrorRateProblem(double errorRate) => errorRate is >= 0 and <= MaxErrorRate
        ? null
        : $"A bot's error rate must be a share of its keys from 0 to {Show(MaxErrorRate)}, not {Show(errorRate)}.";

    private static double Checked(double value, string? problem, string name) =>
        problem is null ? value : throw new ArgumentOutOfRangeException(name, value, problem);

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
