using System.Globalization;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// The seed every generated hostile input comes from. Set TYPINGRACE_FUZZ_SEED to replay a failure: every assertion
/// message names the seed and the input, so the same run can be had again on any machine.
/// </summary>
public static class FuzzSeed
{
    public const string Variable = "TYPINGRACE_FUZZ_SEED";

    private const int Default = 20261202;

    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : Default;

    /// <summary>What goes at the end of every assertion message.</summary>
    public static string Replay => $"(seed {Value}; replay with {Variable}={Value})";
}
