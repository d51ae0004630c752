using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Typing;

namespace TypingRace.Bench.Leaderboards;

/// <summary>
/// Realistic finished results: players with their own typical speed and accuracy, racing real passages of the
/// product's guides. Every result qualifies for every board it belongs to (no fair-play flag, finished, at least a
/// short passage, WPM of 30 or more for the accuracy boards), so each write updates all its boards and the history.
/// </summary>
internal sealed class Workload
{
    /// <summary>The accuracy boards need 30 WPM (LeaderboardRules.MinAccuracyWpm); slower results are never drawn.</summary>
    private const double MinWpm = 30;

    private readonly Player[] players;
    private readonly PassageRef[] passages;

    public Workload(int playerCount, double cohortShare, string? guidesDirectory, int seed)
    {
        var random = new Random(seed);
        players = new Player[playerCount];
        for (var i = 0; i < playerCount; i++)
        {
            // Player ids are 32 hex digits, as PlayerTokens makes them (Guid "N").
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var id = Convert.ToHexStringLower(bytes);
            var wpm = Math.Clamp(Normal(random, 72, 22), 32, 170);
            var accuracy = Math.Clamp(Normal(random, 0.955, 0.025), 0.85, 0.995);
            var cohort = random.NextDouble() < cohortShare ? $"cohort-{random.Next(50)}" : null;
            players[i] = new Player(id, $"typist{i}", wpm, accuracy, cohort);
        }

        (passages, GuideSource) = LoadPassages(guidesDirectory);
        Guides = passages.Select(p => p.GuideId).Distinct(StringComparer.Ordinal).Count();
    }

    public int Players => players.Length;

    public int Passages => passages.Length;

    public int Guides { get; }

    /// <summary>The guides folder the passages came from, or a note that they are made up.</summary>
    public string GuideSource { get; }

    /// <summary>A new result with a unique id, finished now. Each worker passes its own <paramref name="random"/>.</summary>
    public (FinishedResult Result, string PlayerName) Next(Random random)
    {
        var racers = random.Next(2, 9);
        return Result(random, players[random.Next(players.Length)], passages[random.Next(passages.Length)], random.Next(1, racers + 1), racers);
    }

    /// <summary>The results of one race of <paramref name="size"/> different players on one passage, places 1 to size.</summary>
    public IReadOnlyList<(FinishedResult Result, string PlayerName)> NextRace(Random random, int size)
    {
        var passage = passages[random.Next(passages.Length)];
        var racing = new HashSet<Player>();
        while (racing.Count < Math.Min(size, players.Length))
        {
            racing.Add(players[random.Next(players.Length)]);
        }

        return [.. racing.Select((player, index) => Result(random, player, passage, index + 1, racing.Count))];
    }

    private static (FinishedResult Result, string PlayerName) Result(Random random, Player player, PassageRef passage, int place, int racers)
    {
        var wpm = Math.Round(Math.Clamp(player.Wpm * (1 + Normal(random, 0, 0.08)), MinWpm, 250), 2);
        var accuracy = Math.Round(Math.Clamp(player.Accuracy + Normal(random, 0, 0.015), 0.75, 1), 4);
        var result = new FinishedResult(
            $"{Guid.NewGuid():N}:{player.Id}",
            player.Id,
            passage.GuideId,
            passage.FirstParagraphId,
            passage.Length,
            passage.CharacterCount,
            player.Cohort,
            wpm,
            accuracy,
            FairPlayFlags.None,
            Place: place,
            Racers: racers,
            Hints: random.Next(10) == 0 ? 1 : 0,
            Finished: true,
            DateTimeOffset.UtcNow);
        return (result, player.Name);
    }

    private static (PassageRef[] Passages, string Source) LoadPassages(string? directory)
    {
        var minimum = PassageLengths.MinimumCharacters(LeaderboardRules.Default.MinimumLength);
        if (directory is not null && Directory.Exists(directory))
        {
            // As the build copies them next to the server: every *.md but the folder's README.
            var guides = Directory.EnumerateFiles(directory, "*.md")
                .Where(path => !Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase))
                .Select(path => GuideParser.Parse(Path.GetFileNameWithoutExtension(path).ToLowerInvariant(), File.ReadAllText(path)));
            var found = (
                from guide in new GuideLibrary(guides).Guides
                from index in Enumerable.Range(0, guide.Paragraphs.Count)
                from length in Enum.GetValues<PassageLength>()
                let passage = PassageBuilder.Build(guide, index, length)
                where passage.CharacterCount >= minimum
                select new PassageRef(guide.Id, passage.FirstParagraphId, length, passage.CharacterCount)).ToArray();
            if (found.Length > 0)
            {
                return (found, Path.GetFullPath(directory));
            }
        }

        // No guides at hand: six made-up guides of 60 paragraphs, with the product's id shapes.
        var madeUp = (
            from guide in Enumerable.Range(0, 6)
            from paragraph in Enumerable.Range(0, 60)
            from length in Enum.GetValues<PassageLength>()
            select new PassageRef(
                $"guide-{guide}",
                $"guide-{guide}:{paragraph:x12}",
                length,
                PassageLengths.MinimumCharacters(length) + (paragraph % 40))).ToArray();
        return (madeUp, "made up (no guides folder found)");
    }

    private static double Normal(Random random, double mean, double deviation)
    {
        // Box-Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private sealed record Player(string Id, string Name, double Wpm, double Accuracy, string? Cohort);

    private sealed record PassageRef(string GuideId, string FirstParagraphId, PassageLength Length, int CharacterCount);
}
