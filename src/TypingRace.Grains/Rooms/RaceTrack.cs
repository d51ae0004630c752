using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// The race being typed, in memory: each racer's log folded into a session, and each bot's or ghost's schedule. Made when a race
/// starts, and made again from the stored logs when the room comes back on another silo.
/// </summary>
internal sealed class RaceTrack
{
    private readonly Dictionary<string, RacerLog> _logs = [];
    private readonly Dictionary<string, PseudoRacer> _bots = [];

    public int Count => _logs.Count;

    public void Clear()
    {
        _logs.Clear();
        _bots.Clear();
    }

    /// <summary>
    /// Seats a racer with the keys already stored for them (none at the start); a bot or a ghost types on along
    /// <paramref name="schedule"/> from there.
    /// </summary>
    public RacerLog Seat(MemberState racer, Passage passage, TypingRules rules, RaceClock clock, IReadOnlyList<LoggedKey> stored, IEnumerable<ScheduledKey>? schedule)
    {
        var log = RacerLog.Replay(passage, rules, clock, stored);
        _logs[racer.PlayerId] = log;
        if (schedule is not null)
        {
            _bots[racer.PlayerId] = new PseudoRacer(schedule, clock, stored);
        }

        return log;
    }

    public RacerLog? Log(string playerId) => _logs.GetValueOrDefault(playerId);

    /// <summary>Racing on: not gone idle, not finished, and not a ghost whose run ended before the passage did.</summary>
    public bool StillTyping(MemberState racer) =>
        !racer.WentIdle && _logs.TryGetValue(racer.PlayerId, out var log) && !log.Session.Finished
        && !(_bots.TryGetValue(racer.PlayerId, out var pseudo) && pseudo.Exhausted);

    public void StopBot(string botId) => _bots.Remove(botId);

    public void StopBots() => _bots.Clear();

    public bool IsTyping(string botId) => _bots.ContainsKey(botId);

    /// <summary>A snapshot: a bot can stop while the room submits its keys.</summary>
    public List<(string BotId, PseudoRacer Driver)> Bots() => [.. _bots.Select(pair => (pair.Key, pair.Value))];

    /// <summary>The racers with a log, in member order, for the placement table.</summary>
    public List<(MemberState Member, RacerLog Log)> Placed(IEnumerable<MemberState> racers) =>
        [.. racers.Where(racer => _logs.ContainsKey(racer.PlayerId)).Select(racer => (racer, _logs[racer.PlayerId]))];

    /// <param name="storedSeq">The last batch of a racer the room has stored: the frame acknowledges batches.</param>
    public ProgressFrame Frame(string code, int raceNumber, DateTimeOffset now, IEnumerable<MemberState> racers, Func<string, long> storedSeq) =>
        new(code, raceNumber, now.ToUnixTimeMilliseconds(), [.. Placed(racers).Select(racer => Progress(racer.Member.PlayerId, racer.Log, storedSeq))]);

    private static RacerProgress Progress(string playerId, RacerLog log, Func<string, long> storedSeq)
    {
        var session = log.Session;
        return new(playerId, session.Position, session.ErrorRunLength, Math.Round(session.Wpm, MidpointRounding.AwayFromZero), session.LiveAccuracy, session.Finished, log.LastSeq, storedSeq(playerId));
    }
}
