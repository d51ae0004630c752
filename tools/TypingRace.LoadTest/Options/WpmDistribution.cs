using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TypingRace.LoadTest.Options;

/// <summary>The bots' speeds: every bot at one WPM ("100"), or each drawn uniformly from a range ("60-140").</summary>
public sealed record WpmDistribution(double Low, double High)
{
    public double Sample(Random random) => Low + (High - Low) * random.NextDouble();

    public override string ToString() => Low == High ? Show(Low) : $"{Show(Low)}-{Show(High)}";

    public static bool TryParse(string text, [NotNullWhen(true)] out WpmDistribution? distribution)
    {
        var parts = text.Split('-');
        distribution = parts.Length <= 2 && TryWpm(parts[0], out var low) && TryWpm(parts[^1], out var high) && low <= high
            ? new WpmDistribution(low, high)
            : null;
        return distribution is not null;
    }

    private static bool TryWpm(string text, out double wpm) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out wpm) && double.IsFinite(wpm);

    private static string Show(double wpm) => wpm.ToString(CultureInfo.InvariantCulture);
}
