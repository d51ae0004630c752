using System.Text.Json;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// Reads a progress frame (docs/protocol.md) straight from its JSON: the race number, and for each racer its id,
/// position, error length and accuracy, matched to the racers of one room by their UTF-8 ids. Nothing is allocated.
/// </summary>
public sealed class ProgressReader(RaceRoom room)
{
    private RacerSeen[] seen = new RacerSeen[Math.Max(1, room.Racers.Count)];

    public void Read(ReadOnlySpan<byte> frame, ProgressSeen handler)
    {
        var reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject);
        var raceNumber = 0;
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

        handler(raceNumber, seen.AsSpan(0, count));
    }

    /// <summary>One racer object, the reader on its start; null for a racer not of this room.</summary>
    private RacerSeen? ReadRacer(ref Utf8JsonReader reader)
    {
        Racer? racer = null;
        var (position, errorLength, accuracy) = (0, 0, (double?)null);
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
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return racer is null ? null : new RacerSeen(racer, new ObservedState(position, errorLength, accuracy));
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"A progress frame has a {token} here.");
        }
    }
}
