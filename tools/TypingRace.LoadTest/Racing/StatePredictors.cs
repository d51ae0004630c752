using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Typing;

namespace TypingRace.LoadTest.Racing;

/// <summary>Foretells, key by key, the state opponents will see once the server has taken the key.</summary>
public interface IStatePredictor
{
    ObservedState After(BotKey key, long raceElapsedMs);
}

/// <summary>The TypingRace server scores keys with the engine's session under the default rules; so does this.</summary>
public sealed class ScoringPredictor(Passage passage) : IStatePredictor
{
    private readonly TypingSession session = new(passage, TypingRules.Default, DateTimeOffset.UnixEpoch);

    public ObservedState After(BotKey key, long raceElapsedMs)
    {
        // Only the scores matter here, and they do not depend on the server clock; the client clock stands in for it.
        session.Apply(new Keystroke(key.Text, raceElapsedMs), DateTimeOffset.UnixEpoch.AddMilliseconds(raceElapsedMs));
        return new ObservedState(session.Position, session.ErrorRunLength, session.LiveAccuracy);
    }
}

/// <summary>The bare relay scores nothing: it shows each racer at the number of keys it has relayed for them, accuracy unknown.</summary>
public sealed class KeyCountPredictor : IStatePredictor
{
    private int keys;

    public ObservedState After(BotKey key, long raceElapsedMs) => new(++keys, 0, Accuracy: null);
}
