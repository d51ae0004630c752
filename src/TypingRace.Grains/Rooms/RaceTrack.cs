using TypingRace.Abstractions;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Rooms.State;

namespace TypingRace.Grains.Rooms;

/// <summary>
/// The race being typed, in memory: each racer's log folded into a session, and each bot's driver. Made when a race
/// starts, and made again from the stored logs when the room comes back on another silo.
/// </summary>
internal sealed class RaceTrack
{
    private readonly Dictionary<string, RacerLog> _logs = [];
    private readonly Dictionary<string, BotDriver> _bots = [];

    public int Count => _logs.Count;

    public void Clear()
    {
        _logs.Clear();
        _bots.Clear();
    }

    /// <summary>Seats a racer with the keys already stored for them (none at the start); a bot types on from its seed.</summary>
    public RacerLog Seat(MemberState racer, Passage passage, TypingRules rules, RaceClock clock, IReadOnlyList<LoggedKey> stored, BotStyle? botStyle)
    {
        var log = RacerLog.Replay(passage, rules, clock, stored);
        _logs[racer.PlayerId] = log;
        if (botStyle is not null)
        {
            _bots[racer.PlayerId] = new BotDriver(new BotTypist(passage, botStyle, new Random(racer.BotSeed)), clock, stored);
        }

        return log;
    }

    public RacerLog? Log(string playerId) => _logs.GetValueOrDefault(playerId);

    public bool StillTyping(MemberState racer) => _logs.TryGetValue(racer.PlayerId, out var log) && !log.Session.Finished;

    /// <summary>The racer no longer races (gone idle, or left): their typing is not placed.</summary>
    public void Unseat(string playerId)
    {
        _logs.Remove(playerId);
        _bots.Remove(playerId);
    }

    public void StopBot(string botId) => _bots.Remove(botId);

    public void StopBots() => _bots.Clear();

    public bool IsTyping(string botId) => _bots.ContainsKey(botId);

    /// <summary>A snapshot: a bot can stop while the room submits its keys.</summary>
    public List<(string BotId, BotDriver Driver)> Bots() => [.. _bots.Select(pair => (pair.Key, pair.Value))];

    /// <summary>The racers with a log, in member order, for the placement table.</summary>
    public List<(MemberState Member, RacerLog Log)> Placed(IEnumerable<MemberState> racers) =>
        [.. racers.Where(racer => _logs.ContainsKey(racer.PlayerId)).Select(racer => (racer, _logs[racer.PlayerId]))];

    public ProgressFrame Frame(string code, int raceNumber, DateTimeOffset now, IEnumerable<MemberState> racers) =>
        new(code, raceNumber, now.ToUnixTimeMilliseconds(), [.. Placed(racers).Select(racer => Progress(racer.Member.PlayerId, racer.Log.Session))]);

    private static RacerProgress Progress(string playerId, TypingSession session) =>
        new(playerId, session.Position, session.ErrorRunLength, session.Wpm, session.Accuracy, session.Finished);
}
