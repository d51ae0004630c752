using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace TypingRace.LoadTest.Racing.Links;

/// <summary>
/// The parts of one SignalR JSON hub message (a record ending in 0x1E) a client needs: its type, invocation id, target,
/// and where its result or arguments lie, found without building a document.
/// </summary>
public readonly ref struct HubRecord
{
    public const byte Separator = 0x1E;

    private readonly ReadOnlySpan<byte> record;
    private readonly Range payload;

    private HubRecord(ReadOnlySpan<byte> record, HubMessageType type, long invocationId, Target target, Range payload, string? error)
    {
        this.record = record;
        this.payload = payload;
        Type = type;
        InvocationId = invocationId;
        Target = target;
        Error = error;
    }

    public HubMessageType Type { get; }

    /// <summary>-1 when the message has none (or one this client never makes).</summary>
    public long InvocationId { get; }

    public Target Target { get; }

    /// <summary>A completion's error, or a close message's reason.</summary>
    public string? Error { get; }

    /// <summary>
    /// A completion's result, or an invocation's arguments array and what follows it in the record (read it with a
    /// reader, which stops where the array does); empty when absent.
    /// </summary>
    public ReadOnlySpan<byte> Payload => record[payload];

    public static HubRecord Parse(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        var type = HubMessageType.Unknown;
        var (invocationId, target, payload, error) = (-1L, Target.Other, default(Range), (string?)null);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A hub message is a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = (HubMessageType)reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = Utf8Parser.TryParse(reader.ValueSpan, out long id, out var used) && used == reader.ValueSpan.Length ? id : -1;
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = reader.ValueTextEquals("progress"u8) ? Target.Progress
                    : reader.ValueTextEquals("roomChanged"u8) ? Target.RoomChanged
                    : reader.ValueTextEquals("keysRefused"u8) ? Target.KeysRefused
                    : Target.Other;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                // The hub writes arguments last, so the rest of the record is read once, by whoever handles it,
                // instead of being skipped here first; a frame is most of what the generator reads.
                reader.Read();
                payload = (int)reader.TokenStartIndex..record.Length;
                break;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                payload = start..(int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new HubRecord(record, type, invocationId, target, payload, error);
    }

    /// <summary>The first element of an arguments array (<see cref="Payload"/> of an invocation).</summary>
    public static ReadOnlySpan<byte> FirstArgument(ReadOnlySpan<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException("The invocation has no argument.");
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return arguments[start..(int)reader.BytesConsumed];
    }
}

/// <summary>The message types of the SignalR hub protocol this client meets.</summary>
public enum HubMessageType
{
    Unknown = 0,
    Invocation = 1,
    Completion = 3,
    Ping = 6,
    Close = 7,
}

/// <summary>The server-to-client methods of docs/protocol.md the generator listens to.</summary>
public enum Target
{
    Other,
    Progress,
    RoomChanged,
    KeysRefused,
}

/// <summary>Writes the records this client sends: the handshake, pings and invocations with one room code.</summary>
public static class HubRecords
{
    public static ReadOnlySpan<byte> Handshake => "{\"protocol\":\"json\",\"version\":1}\u001e"u8;

    public static ReadOnlySpan<byte> Ping => "{\"type\":6}\u001e"u8;

    /// <param name="invocationId">Null for a send, which the hub does not answer.</param>
    public static void Invocation<T>(Utf8JsonWriter json, IBufferWriter<byte> output, long? invocationId, string target, string code, T? second)
    {
        json.WriteStartObject();
        json.WriteNumber("type"u8, (int)HubMessageType.Invocation);
        if (invocationId is { } number)
        {
            Span<byte> id = stackalloc byte[20];
            Utf8Formatter.TryFormat(number, id, out var length);
            json.WriteString("invocationId"u8, id[..length]);
        }

        json.WriteString("target"u8, target);
        json.WriteStartArray("arguments"u8);
        json.WriteStringValue(code);
        if (second is not null)
        {
            JsonSerializer.Serialize(json, second, RaceLinks.Json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.Write([HubRecord.Separator]);
    }
}
