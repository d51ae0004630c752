using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TypingRace.Abstractions;
using TypingRace.Leaderboards;

namespace TypingRace.Grains.Tests.Upgrades;

/// <summary>
/// What the product shows, in the fixture's own terms. The writer and the reader both go through here, so a fixture
/// is compared with exactly the figures it recorded.
/// </summary>
internal static class Expect
{
    // Fields too: a tuple's items are fields, and without them every tuple would read as {} and compare equal.
    private static readonly JsonSerializerOptions Comparing = new(StoredStateFixture.Json) { IncludeFields = true, WriteIndented = false };

    /// <summary>
    /// The hash the player grain keeps of a token's secret, made as the gateway's <c>PlayerTokens.Hash</c> makes it
    /// (this project does not reference the gateway): SHA-256 of the UTF-8 secret, lower-case hex.
    /// </summary>
    public static string SecretHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static ExpectedMember Member(MemberView member) => new(member.PlayerId, member.Name, member.IsBot, member.Role);

    public static ExpectedLine Line(ResultLine line) => new(
        line.Place,
        line.PlayerId,
        line.Name,
        line.IsBot,
        line.Finished,
        line.Wpm,
        line.Accuracy,
        line.TimeMs,
        line.Hints,
        line.Position,
        line.Flags,
        [.. line.Chart.Select(point => new ExpectedChartPoint(point.Second, point.Wpm, point.Errors))],
        line.Standing?.Ranks.Select(rank => new ExpectedRank(rank.Scope, rank.Period, rank.Ranking, rank.Rank)).ToArray());

    public static ExpectedEntry Entry(LeaderboardEntry entry) => new(entry.Rank, entry.PlayerId, entry.Name, entry.Wpm, entry.Accuracy, entry.At);

    /// <summary>
    /// Compares as JSON, so every figure is compared exactly (doubles round-trip) and a difference shows what it is
    /// part of, arrays included, which record equality would compare by reference.
    /// </summary>
    public static void Same<T>(T expected, T actual, string what)
    {
        var wanted = JsonSerializer.Serialize(expected, Comparing);
        var found = JsonSerializer.Serialize(actual, Comparing);
        if (wanted != found)
        {
            throw new Xunit.Sdk.XunitException($"{what} is not what the old version stored.\nExpected: {wanted}\nActual:   {found}");
        }
    }
}
