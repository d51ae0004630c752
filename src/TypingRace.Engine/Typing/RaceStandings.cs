namespace TypingRace.Engine.Typing;

public static class RaceStandings
{
    /// <summary>
    /// Player ids in placement order: finishers by finish time (key logs keep whole milliseconds, so within one
    /// millisecond by arrival), then those still racing by progress, then accuracy. Full ties keep the input order.
    /// </summary>
    public static IReadOnlyList<string> Order(IEnumerable<RacerStanding> racers)
    {
        ArgumentNullException.ThrowIfNull(racers);
        // OrderBy is a stable sort, which is what keeps ties in input order.
        return racers
            .OrderBy(racer => racer.FinishedAt is null)
            .ThenBy(racer => racer.FinishedAt)
            .ThenBy(racer => racer.FinishArrival)
            .ThenByDescending(racer => racer.Progress)
            .ThenByDescending(racer => racer.Accuracy)
            .Select(racer => racer.PlayerId)
            .ToList()
            .AsReadOnly();
    }
}
