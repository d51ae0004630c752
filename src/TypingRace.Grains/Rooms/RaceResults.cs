using TypingRace.Abstractions;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>Turns the racers' folded logs into the placement table.</summary>
internal static class RaceResults
{
    public static ResultLine[] Build(IReadOnlyList<(MemberState Member, RacerLog Log)> racers, List<string> finishers, DateTimeOffset raceStart)
    {
        var byId = racers.ToDictionary(racer => racer.Member.PlayerId);
        var places = RaceStandings.Places([.. racers.Select(racer => new RacerStanding(
            racer.Member.PlayerId, racer.Log.Session.FinishedAt, racer.Log.Session.Progress, racer.Log.Session.Accuracy,
            Math.Max(0, finishers.IndexOf(racer.Member.PlayerId)), IsGhost: racer.Member.Ghost is not null))]);
        return [.. places.Select(p => Line(p.Place, byId[p.PlayerId].Member, byId[p.PlayerId].Log.Session, raceStart))];
    }

    // The figures come from RacerFigures.Of, the rule a verification recomputes them with.
    private static ResultLine Line(int place, MemberState racer, TypingSession session, DateTimeOffset raceStart)
    {
        var declared = racer.Ghost is not null ? FairPlayFlags.Ghost : racer.IsBot ? FairPlayFlags.Bot : FairPlayFlags.None;
        var figures = RacerFigures.Of(session, place, declared, raceStart);
        return new ResultLine(
            figures.Place,
            racer.PlayerId,
            racer.Name,
            racer.Tag,
            racer.IsBot,
            figures.Finished,
            figures.Wpm,
            figures.Accuracy,
            figures.TimeMs,
            figures.Hints,
            session.Progress,
            figures.Position,
            [.. figures.Flags],
            session.Timeline().Select(point => new ChartPoint(point.Second, point.Wpm, point.Errors, point.RawWpm)).ToArray(),
            Paragraphs: [.. session.Paragraphs().Select(p => new ParagraphResult(p.ParagraphIndex, p.SplitMs, p.CharacterKeystrokes == 0 ? null : p.Accuracy))],
            IsGhost: racer.Ghost is not null,
            Breakdown: Breakdown(session.Breakdown()),
            WentIdle: racer.WentIdle);
    }

    /// <summary>The keys each person met and missed, for the race's record and from there their weak spots; bots and ghosts have none.</summary>
    public static Dictionary<string, KeyStat[]> KeyTallies(IEnumerable<(MemberState Member, RacerLog Log)> racers) =>
        racers.Where(racer => racer.Member.IsPerson).ToDictionary(
            racer => racer.Member.PlayerId,
            racer => racer.Log.Session.KeyTallies().Select(k => new KeyStat(k.Key, k.Attempts, k.Misses)).ToArray());

    private static ResultBreakdown Breakdown(TypingBreakdown b) => new(b.Correct, b.Incorrect, b.Corrected, b.AutoFilled, b.RawWpm, b.Consistency);
}
