namespace TypingRace.Engine.Cohorts;

/// <summary>One racer's line of one heat, as the heat's room reported it.</summary>
public sealed record HeatLine(string PlayerId, int Heat, bool Finished, int Position, double Wpm, double Accuracy, long TimeMs);

/// <summary>A racer placed across every heat of a round, with the points that place is worth.</summary>
public sealed record ScoredLine(int Place, string PlayerId, int Heat, int Points, bool Finished, int Position, double Wpm, double Accuracy, long TimeMs);

/// <summary>A student's standing in a competition: points over its rounds, and the tie-breakers.</summary>
public sealed record Standing(int Place, string PlayerId, int Points, int Rounds, double TotalWpm, double MeanAccuracy);

/// <summary>The rules of a cohort competition (docs/cohorts.md, "Points"): heats, round places and points, standings.</summary>
public static class CohortScoring
{
    /// <summary>
    /// Splits the racers into as few heats of at most <paramref name="heatSize"/> as there can be, as even as they
    /// can be (sizes differ by one at most), keeping their order: a heat of one is never left over.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Heats(IReadOnlyList<string> players, int heatSize)
    {
        ArgumentNullException.ThrowIfNull(players);
        ArgumentOutOfRangeException.ThrowIfLessThan(heatSize, 1);
        if (players.Count == 0)
        {
            return [];
        }

        var count = (players.Count + heatSize - 1) / heatSize;
        var heats = new List<IReadOnlyList<string>>(count);
        var next = 0;
        for (var heat = 0; heat < count; heat++)
        {
            // The first (players % count) heats take one more.
            var size = players.Count / count + (heat < players.Count % count ? 1 : 0);
            heats.Add([.. players.Skip(next).Take(size)]);
            next += size;
        }

        return heats;
    }

    /// <summary>
    /// Places every racer of every heat once: finishers first, faster, then more accurate, then sooner; the rest by
    /// how far they got, then faster. Points are racers who started − place + 1.
    /// </summary>
    public static IReadOnlyList<ScoredLine> ScoreRound(IEnumerable<HeatLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ordered = lines
            .OrderByDescending(line => line.Finished)
            .ThenByDescending(line => line.Finished ? 0 : line.Position)
            .ThenByDescending(line => line.Wpm)
            .ThenByDescending(line => line.Accuracy)
            .ThenBy(line => line.TimeMs)
            .ThenBy(line => line.PlayerId, StringComparer.Ordinal)
            .ToList();
        return
        [
            .. ordered.Select((line, i) => new ScoredLine(
                i + 1, line.PlayerId, line.Heat, ordered.Count - i, line.Finished, line.Position, line.Wpm, line.Accuracy, line.TimeMs)),
        ];
    }

    /// <summary>Points added up over the rounds scored so far; ties go to the greater total WPM, then the better mean accuracy.</summary>
    public static IReadOnlyList<Standing> Standings(IEnumerable<IReadOnlyList<ScoredLine>> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var totals = rounds
            .SelectMany(round => round)
            .GroupBy(line => line.PlayerId, StringComparer.Ordinal)
            .Select(lines => (
                PlayerId: lines.Key,
                Points: lines.Sum(line => line.Points),
                Rounds: lines.Count(),
                TotalWpm: lines.Sum(line => line.Wpm),
                MeanAccuracy: lines.Average(line => line.Accuracy)))
            .OrderByDescending(total => total.Points)
            .ThenByDescending(total => total.TotalWpm)
            .ThenByDescending(total => total.MeanAccuracy)
            .ThenBy(total => total.PlayerId, StringComparer.Ordinal)
            .ToList();
        return [.. totals.Select((total, i) => new Standing(i + 1, total.PlayerId, total.Points, total.Rounds, total.TotalWpm, total.MeanAccuracy))];
    }
}
