using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Rooms;

/// <summary>One racer's result in a race, as the evening's tally reads it.</summary>
/// <param name="IsPerson">Neither a bot nor a ghost: only people are in the tally (a bot that wins takes the win from nobody).</param>
public sealed record TalliedResult(string PlayerId, string Name, string Tag, int Place, bool Finished, double Wpm, IReadOnlyList<string> Flags, bool IsPerson);

/// <param name="Finished">Races finished with a ranked run: the average is of their WPM.</param>
public sealed record TallyLine(string PlayerId, string Name, string Tag, int Races, int Wins, int Finished, double TotalWpm, double BestWpm)
{
    public double? AverageWpm => Finished == 0 ? null : TotalWpm / Finished;
}

/// <summary>The fastest ranked run of the evening, and in which race.</summary>
public sealed record TallyBest(string PlayerId, string Name, string Tag, double Wpm, int RaceNumber);

/// <summary>
/// A room's running tally of the evening (TypeRacer has none; friends keep one on paper): each person's races, wins,
/// average WPM of the races they finished and their best, and the evening's best run. A run a fair-play flag keeps
/// off the boards counts as a race, never as a win, a best or in the average: a paste cannot top the evening.
/// </summary>
public sealed record EveningTally(int Races, IReadOnlyList<TallyLine> Lines, TallyBest? Best)
{
    public static readonly EveningTally Empty = new(0, [], null);

    /// <summary>The tally after race <paramref name="raceNumber"/>; lines stay for racers who left since.</summary>
    public EveningTally Add(int raceNumber, IReadOnlyList<TalliedResult> results)
    {
        var people = results.Where(r => r.IsPerson).ToList();
        if (people.Count == 0)
        {
            return this;
        }

        bool Clean(TalliedResult r) => r.Finished && !FairPlayRules.Unranks(FairPlayFlagNames.Parse(r.Flags));
        var lines = Lines.ToDictionary(line => line.PlayerId);
        foreach (var result in people)
        {
            var line = lines.GetValueOrDefault(result.PlayerId) ?? new TallyLine(result.PlayerId, result.Name, result.Tag, 0, 0, 0, 0, 0);
            lines[result.PlayerId] = line with
            {
                Name = result.Name,
                Races = line.Races + 1,
                Wins = line.Wins + (result.Place == 1 && Clean(result) ? 1 : 0),
                Finished = line.Finished + (Clean(result) ? 1 : 0),
                TotalWpm = line.TotalWpm + (Clean(result) ? result.Wpm : 0),
                BestWpm = Clean(result) ? Math.Max(line.BestWpm, result.Wpm) : line.BestWpm,
            };
        }

        var fastest = people.Where(Clean).MaxBy(r => r.Wpm);
        var best = fastest is not null && (Best is null || fastest.Wpm > Best.Wpm)
            ? new TallyBest(fastest.PlayerId, fastest.Name, fastest.Tag, fastest.Wpm, raceNumber)
            : Best;
        return new EveningTally(Races + 1, Standings(lines.Values), best);
    }

    /// <summary>Most wins first, then the higher average, then more races, then by name.</summary>
    private static List<TallyLine> Standings(IEnumerable<TallyLine> lines) =>
        [.. lines.OrderByDescending(l => l.Wins).ThenByDescending(l => l.AverageWpm ?? 0).ThenByDescending(l => l.Races).ThenBy(l => l.Name, StringComparer.Ordinal)];
}
