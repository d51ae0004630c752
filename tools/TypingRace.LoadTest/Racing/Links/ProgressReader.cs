using System.Text.Json;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// Reads a progress frame (docs/protocol.md) straight from its JSON: the race number, and for each racer its id,
/// position, error length, accuracy and the acknowledgement of its batches, matched to the racers of one room by
/// their UTF-8 ids. Nothing is allocated.
/// </summary>
public sealed class ProgressReader(RaceRoom room)
{
    private RacerSeen[] seen = new RacerSeen[Math.Max(1, room.Racers.Count)];

    /// <summary>The racers of the room the frame shows; valid until the next call.</summary>
    /// <param name="arguments">The progress invocation's arguments array: the frame is its one element.</param>
    public ReadOnlySpan<RacerSeen> Read(ReadOnlySpan<byte> arguments, out int raceNumber)
    {
        var reader = new Utf8JsonReader(arguments);
        Expect(ref reader, JsonTokenType.StartArray);
        Expect(ref reader, JsonTokenType.StartObject);
        raceNumber = 0;
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("raceNumber"u8))
            {
                reader.Read();
                raceNumber = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("racers"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (ReadRacer(ref reader) is { } racer)
                    {
                        if (count == seen.Length)
                        {
                            Array.Resize(ref seen, count * 2);
                        }

                        seen[count++] = racer;
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return seen.AsSpan(0, count);
    }

    /// <summary>One racer object, the reader on its start; null for a racer not of this room.</summary>
    private RacerSeen? ReadRacer(ref Utf8JsonReader reader)
    {
        Racer? racer = null;
        var (position, errorLength, accuracy, wpm, finished, seq, storedSeq) = (0, 0, (double?)null, 0.0, false, 0L, 0L);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("playerId"u8))
            {
                reader.Read();
                racer = room.Find(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("position"u8))
            {
                reader.Read();
                position = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("errorLength"u8))
            {
                reader.Read();
                errorLength = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("accuracy"u8))
            {
                reader.Read();
                accuracy = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();
            }
            else if (reader.ValueTextEquals("wpm"u8))
            {
                reader.Read();
                wpm = reader.GetDouble();
            }
            else if (reader.ValueTextEquals("finished"u8))
            {
                reader.Read();
                finished = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                seq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("storedSeq"u8))
            {
                reader.Read();
                storedSeq = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return racer is null ? null : new RacerSeen(racer, new ObservedState(position, errorLength, accuracy), wpm, finished, seq, storedSeq);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"A progress frame has a {token} here.");
        }
    }
}
