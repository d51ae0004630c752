using TypingRace.Abstractions;
using TypingRace.Engine.Rooms;

namespace TypingRace.Grains.Rooms;

/// <summary>The room's stored tally and the engine's <see cref="EveningTally"/>, one into the other.</summary>
internal static class RoomTallies
{
    public static TallyView After(TallyView? stored, int raceNumber, IEnumerable<ResultLine> results)
    {
        var tally = stored is null ? EveningTally.Empty : new EveningTally(
            stored.Races,
            [.. stored.Lines.Select(l => new TallyLine(l.PlayerId, l.Name, l.Tag, l.Races, l.Wins, l.Finished, l.TotalWpm, l.BestWpm))],
            stored.Best is { } best ? new TallyBest(best.PlayerId, best.Name, best.Tag, best.Wpm, best.RaceNumber) : null);
        var after = tally.Add(raceNumber, [.. results.Select(r => new TalliedResult(r.PlayerId, r.Name, r.Tag, r.Place, r.Finished, r.Wpm, r.Flags, IsPerson: !r.IsBot && !r.IsGhost))]);
        return new TallyView(
            after.Races,
            [.. after.Lines.Select(l => new TallyLineView(l.PlayerId, l.Name, l.Tag, l.Races, l.Wins, l.Finished, l.TotalWpm, l.BestWpm, l.AverageWpm))],
            after.Best is { } b ? new TallyBestView(b.PlayerId, b.Name, b.Tag, b.Wpm, b.RaceNumber) : null);
    }
}
