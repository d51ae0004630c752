using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Races;

/// <summary>What a result says of one racer: the figures a verification recomputes and compares.</summary>
public sealed record RacerFigures(int Place, bool Finished, double Wpm, double Accuracy, long TimeMs, int Hints, int Position, IReadOnlyList<string> Flags)
{
    /// <summary>
    /// The figures a racer's session gives at <paramref name="place"/>: what a room records and what a verification
    /// recomputes, from one rule. Time runs from the start to the last correct key; a bot or a ghost is flagged by
    /// whoever seated it (<paramref name="declared"/>).
    /// </summary>
    public static RacerFigures Of(TypingSession session, int place, FairPlayFlags declared, DateTimeOffset raceStart)
    {
        ArgumentNullException.ThrowIfNull(session);
        var lastCorrect = session.FinishedAt ?? session.LastCorrectAt;
        return new RacerFigures(
            place,
            session.Finished,
            session.Wpm,
            session.Accuracy,
            lastCorrect is { } at ? (long)(at - raceStart).TotalMilliseconds : 0,
            session.Hints,
            session.Position,
            // A bot types as its model does and a ghost's run was judged where it was raced: each is only what it was declared.
            FairPlayFlagNames.Of((declared & (FairPlayFlags.Bot | FairPlayFlags.Ghost)) != 0 ? declared : session.Flags | declared));
    }

    /// <summary>Exactly the same figures: the fold is deterministic, so nothing is compared with a tolerance.</summary>
    public bool SameAs(RacerFigures other) =>
        other is not null
        && (Place, Finished, Wpm, Accuracy, TimeMs, Hints, Position) == (other.Place, other.Finished, other.Wpm, other.Accuracy, other.TimeMs, other.Hints, other.Position)
        && Flags.SequenceEqual(other.Flags);
}

/// <summary>One racer as recorded, with the keys stored for them.</summary>
/// <param name="Declared">Bot or ghost, as whoever seated the racer declared it; none for a person.</param>
public sealed record RecordedRacer(string PlayerId, FairPlayFlags Declared, RacerFigures Recorded, IReadOnlyList<LoggedKey> Keys)
{
    public bool IsGhost => Declared.HasFlag(FairPlayFlags.Ghost);
}

public sealed record VerifiedRacer(string PlayerId, RacerFigures Recorded, RacerFigures Recomputed, int Keys)
{
    public bool Matches => Recorded.SameAs(Recomputed);
}

/// <summary>
/// Re-derives a race's results from its stored key logs with the engine alone (docs/fair-play.md, "Verify"): each
/// log is folded into a fresh session on the race's clock, as the room folded it live, and the racers are placed
/// again. Bots and ghosts are declared by whoever seated them, so those flags are taken from the record.
/// </summary>
public static class RaceVerification
{
    /// <param name="racers">In their recorded place order: racers who tie on every figure keep it.</param>
    public static IReadOnlyList<VerifiedRacer> Verify(Passage passage, TypingRules rules, RaceClock clock, IReadOnlyList<RecordedRacer> racers)
    {
        ArgumentNullException.ThrowIfNull(racers);
        var folded = racers.Select(racer => (Racer: racer, Session: RacerLog.Replay(passage, rules, clock, racer.Keys).Session)).ToList();
        var places = RaceStandings.Places([.. folded.Select(f => new RacerStanding(
                f.Racer.PlayerId, f.Session.FinishedAt, f.Session.Progress, f.Session.Accuracy, IsGhost: f.Racer.IsGhost))])
            .ToDictionary(x => x.PlayerId, x => x.Place, StringComparer.Ordinal);
        return [.. folded.Select(f => new VerifiedRacer(
            f.Racer.PlayerId, f.Racer.Recorded, RacerFigures.Of(f.Session, places[f.Racer.PlayerId], f.Racer.Declared, clock.Start), f.Racer.Keys.Count))];
    }
}
