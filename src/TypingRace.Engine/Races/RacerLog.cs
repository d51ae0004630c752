using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Races;

/// <summary>
/// One racer's accepted inputs and the session they fold into. The live room and a replay of the stored log go
/// through <see cref="Add"/> alike, so the same log always gives the same position, WPM, accuracy, hints and flags.
/// </summary>
public sealed class RacerLog
{
    /// <summary>How long after an outage resent keys may still arrive and be timed by the client.</summary>
    public static readonly TimeSpan ResendWindow = TimeSpan.FromSeconds(30);

    private readonly List<LoggedKey> keys = [];
    private readonly RaceClock clock;
    private DateTimeOffset lastRaceTime;

    // Outage time this racer typed through, given back to the keys after it (see RaceTimeOf).
    private TimeSpan owed;

    public RacerLog(Passage passage, TypingRules rules, RaceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        lastRaceTime = clock.Start;
        Session = new TypingSession(passage, rules, clock.Start);
    }

    public TypingSession Session { get; }

    public IReadOnlyList<LoggedKey> Keys => keys;

    /// <summary>The race time of the last input: when, on the race's own clock, the session last changed.</summary>
    public DateTimeOffset LastInputAt => lastRaceTime;

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

        var (at, resent, paused) = Keep(key);

        // The client's clock ran on through any outage the race clock leaves out; only the clock check reads it.
        return Session.Apply(new Keystroke(key.Text, key.ClientMs - (long)paused.TotalMilliseconds, resent), at);
    }

    /// <summary>The racer pressed Tab: logs the hint and returns the word it reveals.</summary>
    public string RevealHint(long serverMs) => Hint(LoggedKey.Hint(LastSeq, serverMs));

    private string Hint(LoggedKey hint)
    {
        Keep(hint);
        return Session.RevealHint();
    }

    private (DateTimeOffset At, bool Resent, TimeSpan Paused) Keep(LoggedKey key)
    {
        keys.Add(key);
        LastSeq = Math.Max(LastSeq, key.Seq);
        var timed = RaceTimeOf(key);
        lastRaceTime = timed.At;
        return timed;
    }

    /// <summary>
    /// When the key counts as typed. A live key: when it arrived, on the race clock (outages off), plus the time this
    /// racer is owed back. A resent key arrived after the outage that held it back, so its arrival says little: the
    /// client's own time stands, kept within that outage and its arrival. A racer who typed on while the room was
    /// away typed in real time, so that part of the outage is theirs again: it is owed back to their later keys, and
    /// typing through an outage neither costs nor gains them time. A key marked resent with no outage before it is
    /// timed, and its rhythm judged, like any other: the mark buys nothing. <c>Paused</c> is the outage time before
    /// its arrival, which the race clock leaves out.
    /// </summary>
    private (DateTimeOffset At, bool Resent, TimeSpan Paused) RaceTimeOf(LoggedKey key)
    {
        var received = DateTimeOffset.FromUnixTimeMilliseconds(key.ServerMs);
        var onClock = clock.RaceTime(received);
        var at = onClock + owed;
        var outage = key.IsResent ? clock.OutageBefore(received, ResendWindow) : null;
        if (outage is { } heldBack)
        {
            var typed = clock.Start + TimeSpan.FromMilliseconds(key.ClientMs);
            at = typed < heldBack.From ? heldBack.From : typed > received ? received : typed;
            if (at > onClock + owed)
            {
                owed = at - onClock;
            }
        }

        return (at < lastRaceTime ? lastRaceTime : at, outage is not null, received - onClock);
    }
}
