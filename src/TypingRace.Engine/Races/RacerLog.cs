using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Races;

/// <summary>
/// One racer's accepted inputs and the session they fold into. The live room and a replay of the stored log go
/// through <see cref="Add"/> alike, so the same log always gives the same position, WPM, accuracy, hints and flags.
/// </summary>
public sealed class RacerLog
{
    private readonly List<LoggedKey> keys = [];
    private readonly RaceClock clock;
    private DateTimeOffset lastRaceTime;

    public RacerLog(Passage passage, TypingRules rules, RaceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        lastRaceTime = clock.Start;
        Session = new TypingSession(passage, rules, clock.Start);
    }

    public TypingSession Session { get; }

    public IReadOnlyList<LoggedKey> Keys => keys;

    /// <summary>The highest batch number in the log: what a resending client goes on after.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Folds every key of a stored log, in order, into a fresh session.</summary>
    public static RacerLog Replay(Passage passage, TypingRules rules, RaceClock clock, IEnumerable<LoggedKey> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var racer = new RacerLog(passage, rules, clock);
        foreach (var key in log)
        {
            racer.Add(key);
        }

        return racer;
    }

    /// <summary>Applies one input to the session and keeps it in the log.</summary>
    public KeystrokeOutcome Add(LoggedKey key)
    {
        if (key.IsHint)
        {
            Hint(key);
            return KeystrokeOutcome.NoOp;
        }

        var at = Keep(key);
        return Session.Apply(new Keystroke(key.Text, key.ClientMs, key.IsResent), at);
    }

    /// <summary>The racer pressed Tab: logs the hint and returns the word it reveals.</summary>
    public string RevealHint(long serverMs) => Hint(LoggedKey.Hint(LastSeq, serverMs));

    private string Hint(LoggedKey hint)
    {
        Keep(hint);
        return Session.RevealHint();
    }

    private DateTimeOffset Keep(LoggedKey key)
    {
        keys.Add(key);
        LastSeq = Math.Max(LastSeq, key.Seq);
        lastRaceTime = RaceTimeOf(key);
        return lastRaceTime;
    }

    /// <summary>
    /// When the key counts as typed. A resent key arrived after the outage that lost it, so its receive time says
    /// nothing; the client's own time stands, kept between the previous key and its arrival.
    /// </summary>
    private DateTimeOffset RaceTimeOf(LoggedKey key)
    {
        var received = clock.RaceTime(DateTimeOffset.FromUnixTimeMilliseconds(key.ServerMs));
        if (!key.IsResent)
        {
            return received < lastRaceTime ? lastRaceTime : received;
        }

        var typed = clock.Start + TimeSpan.FromMilliseconds(key.ClientMs);
        return typed < lastRaceTime ? lastRaceTime : typed > received ? received : typed;
    }
}
