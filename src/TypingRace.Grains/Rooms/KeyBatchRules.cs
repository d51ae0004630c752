using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.Grains.Rooms;

/// <summary>The shape a key batch must have before any key of it is scored.</summary>
internal static class KeyBatchRules
{
    public static RaceError? Check(KeyBatch? batch, RoomOptions options)
    {
        if (batch?.Keys is not { } keys || keys.Length == 0)
        {
            return new RaceError(ErrorCodes.MalformedKeys, "A batch needs a list of at least one key.");
        }

        if (keys.Length > options.MaxKeysPerBatch)
        {
            return new RaceError(ErrorCodes.BatchTooLarge, $"A batch may hold at most {options.MaxKeysPerBatch} keys; this one has {keys.Length}.");
        }

        foreach (var key in keys)
        {
            if (key is null || string.IsNullOrEmpty(key.K) || key.T < 0)
            {
                return new RaceError(ErrorCodes.MalformedKeys, "Every key needs a non-empty 'k' and a 't' of zero or more.");
            }

            if (key.K.Length > options.MaxKeyLength && TypeableText.CodePointCount(key.K) > options.MaxKeyLength)
            {
                return new RaceError(ErrorCodes.BatchTooLarge, $"A key may carry at most {options.MaxKeyLength} characters.");
            }
        }

        return null;
    }

    /// <summary>
    /// A racer's batches are numbered 1, 2, 3... with no gaps. Any number already accepted is a duplicate (a resend
    /// the client can drop); anything else but the next one, including 0 and negatives, is out of order.
    /// </summary>
    public static RaceError? Sequence(long seq, long lastSeq) =>
        seq >= 1 && seq <= lastSeq ? new RaceError(ErrorCodes.DuplicateBatch, $"Batch {seq} was already accepted; the last was {lastSeq}.")
        : seq != lastSeq + 1 ? new RaceError(ErrorCodes.OutOfOrder, $"Expected batch {lastSeq + 1}, got {seq}; batches count from 1.")
        : null;

    /// <summary>Composed input (dead keys, IME) is compared in the same form as the guide text.</summary>
    public static string Typeable(string key) => key.Length == 1 && key[0] < 128 ? key : TypeableText.Normalize(key);
}
