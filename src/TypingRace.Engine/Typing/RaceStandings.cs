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

    /// <summary>
    /// Everyone in placement order with their place: 1, 2, 3… for racers, 0 for ghosts. A ghost races along but is
    /// never placed, so one ahead of a racer does not push them down.
    /// </summary>
    public static IReadOnlyList<(string PlayerId, int Place)> Places(IReadOnlyList<RacerStanding> racers)
    {
        ArgumentNullException.ThrowIfNull(racers);
        var ghosts = racers.Where(racer => racer.IsGhost).Select(racer => racer.PlayerId).ToHashSet(StringComparer.Ordinal);
        var place = 0;
        return [.. Order(racers).Select(playerId => (playerId, ghosts.Contains(playerId) ? 0 : ++place))];
    }
}
