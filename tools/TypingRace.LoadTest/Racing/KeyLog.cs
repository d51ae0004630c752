using TypingRace.LoadTest.Measuring;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// The keys one racer typed in its current race, each with the state it leads to and when it was typed.
/// An opponent matches the state an update shows against this log: that key, and every earlier one the
/// opponent had not seen yet, reached the opponent with that update.
/// </summary>
public sealed class KeyLog
{
    private readonly Lock gate = new();
    private readonly List<TypedKey> keys = [];
    private int race;

    /// <summary>Forgets the keys of an earlier race; the same race number goes on with the same log.</summary>
    public void Begin(int raceNumber)
    {
        lock (gate)
        {
            if (raceNumber != race)
            {
                race = raceNumber;
                keys.Clear();
            }
        }
    }

    /// <summary>False for a key that leaves the state as it was: no update can show it, so it cannot be timed.</summary>
    /// <param name="measured">Whether the key counts in the measured window.</param>
    public bool Add(ObservedState state, long typedAt, bool measured)
    {
        lock (gate)
        {
            if (state == (keys.Count > 0 ? keys[^1].State : ObservedState.Start))
            {
                return false;
            }

            keys.Add(new TypedKey(state, typedAt, measured));
            return true;
        }
    }

    /// <summary>Times every key up to the one that leads to <paramref name="seen"/> that this opponent had not seen yet.</summary>
    /// <param name="cursor">How far this one opponent has seen this log.</param>
    public void Match(ref Cursor cursor, int raceNumber, ObservedState seen, long seenAt, Measurements measurements)
    {
        lock (gate)
        {
            // An update of another race than the one this racer types (it has not begun the new one yet) says nothing about its keys.
            if (raceNumber != race)
            {
                return;
            }

            if (cursor.Race != race)
            {
                cursor = new Cursor(race, 0, ObservedState.Start);
            }

            // Updates carry every racer; most of them show this one where it already was.
            if (seen == cursor.Last)
            {
                return;
            }

            for (var match = cursor.Next; match < keys.Count; match++)
            {
                if (keys[match].State != seen)
                {
                    continue;
                }

                for (var key = cursor.Next; key <= match; key++)
                {
                    measurements.KeySeen(keys[key].TypedAt, seenAt, keys[key].Measured);
                }

                cursor = new Cursor(race, match + 1, seen);
                return;
            }

            // A server that sends from several threads may deliver an older update after a newer one; that is no news.
            if (seen != ObservedState.Start && !keys.Take(cursor.Next).Any(key => key.State == seen))
            {
                measurements.UnexpectedState();
            }
        }
    }

    /// <param name="Next">The first key this opponent has not seen.</param>
    /// <param name="Last">The state this opponent saw last.</param>
    public readonly record struct Cursor(int Race, int Next, ObservedState Last);

    private readonly record struct TypedKey(ObservedState State, long TypedAt, bool Measured);
}
