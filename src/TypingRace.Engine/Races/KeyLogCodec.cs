using System.Text;

namespace TypingRace.Engine.Races;

/// <summary>
/// The stored form of a key log: chunks appended one after another, each self-contained. A chunk is
/// <c>version (1 byte) · index of its first key · key count</c>, then per key
/// <c>flags (1 byte) · seq − previous seq · client ms − previous · change in (server ms − client ms) · UTF-8 length · UTF-8</c>,
/// all numbers zigzag LEB128 varints but the length, the first key's from zero. The server time goes as the change in
/// its lead over the client's, which is about the network jitter: one byte. An ordinary key at 40–150 WPM takes 7 bytes.
/// A chunk written twice (a retried append that had landed) repeats indices already read and is skipped.
/// </summary>
public static class KeyLogCodec
{
    private const byte Version = 1;

    public static byte[] Encode(int firstIndex, IReadOnlyList<LoggedKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        var buffer = new List<byte>(8 + keys.Count * 8) { Version };
        WriteVarint(buffer, (ulong)firstIndex);
        WriteVarint(buffer, (ulong)keys.Count);
        long seq = 0, server = 0, client = 0;
        foreach (var key in keys)
        {
            buffer.Add((byte)key.Flags);
            WriteVarint(buffer, Zigzag(key.Seq - seq));
            WriteVarint(buffer, Zigzag(key.ClientMs - client));
            WriteVarint(buffer, Zigzag(key.ServerMs - key.ClientMs - (server - client)));
            var text = Encoding.UTF8.GetBytes(key.Text);
            WriteVarint(buffer, (ulong)text.Length);
            buffer.AddRange(text);
            (seq, server, client) = (key.Seq, key.ServerMs, key.ClientMs);
        }

        return [.. buffer];
    }

    /// <summary>
    /// Every key of the concatenated chunks, in order, once. Reading stops at a gap in the indices or a damaged
    /// chunk: what comes before it is a whole, ordered log.
    /// </summary>
    public static List<LoggedKey> Decode(ReadOnlySpan<byte> chunks)
    {
        var keys = new List<LoggedKey>();
        var reader = new Reader(chunks);
        while (!reader.AtEnd)
        {
            if (!reader.TryChunk(keys))
            {
                break;
            }
        }

        return keys;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong Zigzag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long Unzigzag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int offset;

        public readonly bool AtEnd => offset >= data.Length;

        public bool TryChunk(List<LoggedKey> keys)
        {
            if (!TryByte(out var version) || version != Version || !TryVarint(out var first) || !TryVarint(out var count))
            {
                return false;
            }

            if (first > (ulong)keys.Count)
            {
                return false;
            }

            // A chunk counts whole or not at all.
            var chunk = new List<LoggedKey>();
            long seq = 0, lead = 0, client = 0;
            for (ulong i = 0; i < count; i++)
            {
                if (!TryByte(out var flags) || !TryVarint(out var seqDelta) || !TryVarint(out var clientDelta)
                    || !TryVarint(out var leadDelta) || !TryVarint(out var length) || length > (ulong)(data.Length - offset))
                {
                    return false;
                }

                var text = Encoding.UTF8.GetString(data.Slice(offset, (int)length));
                offset += (int)length;
                seq += Unzigzag(seqDelta);
                client += Unzigzag(clientDelta);
                lead += Unzigzag(leadDelta);
                chunk.Add(new LoggedKey(seq, text, client, client + lead, (LoggedKeyFlags)flags));
            }

            keys.AddRange(chunk.Skip(keys.Count - (int)first));
            return true;
        }

        private bool TryByte(out byte value)
        {
            value = 0;
            if (offset >= data.Length)
            {
                return false;
            }

            value = data[offset++];
            return true;
        }

        private bool TryVarint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (!TryByte(out var next))
                {
                    return false;
                }

                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
