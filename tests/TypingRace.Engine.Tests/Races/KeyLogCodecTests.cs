using TypingRace.Engine.Races;

namespace TypingRace.Engine.Tests.Races;

public class KeyLogCodecTests
{
    private static readonly long T0 = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly LoggedKey[] Keys =
    [
        new(1, "h", 120, T0 + 130),
        new(1, "e", 260, T0 + 131),
        new(2, "\b", 400, T0 + 420),
        LoggedKey.Hint(2, T0 + 500),
        new(3, "한", 610, T0 + 640, LoggedKeyFlags.Resent),
        new(3, "\n", 590, T0 + 641),
    ];

    [Fact]
    public void Chunks_appended_one_after_another_read_back_as_the_whole_log()
    {
        var bytes = KeyLogCodec.Encode(0, Keys[..2]).Concat(KeyLogCodec.Encode(2, Keys[2..])).ToArray();

        Assert.Equal(Keys, KeyLogCodec.Decode(bytes));
    }

    [Fact]
    public void A_chunk_appended_twice_by_a_retried_write_is_read_once()
    {
        var first = KeyLogCodec.Encode(0, Keys[..3]);
        var second = KeyLogCodec.Encode(3, Keys[3..]);

        var bytes = first.Concat(second).Concat(second).ToArray();

        Assert.Equal(Keys, KeyLogCodec.Decode(bytes));
    }

    [Fact]
    public void Reading_stops_at_a_missing_chunk_or_a_torn_end_and_keeps_what_came_before()
    {
        var first = KeyLogCodec.Encode(0, Keys[..2]);
        var third = KeyLogCodec.Encode(4, Keys[4..]);
        Assert.Equal(Keys[..2], KeyLogCodec.Decode(first.Concat(third).ToArray()));

        var whole = KeyLogCodec.Encode(0, Keys);
        Assert.Empty(KeyLogCodec.Decode(whole.AsSpan(0, whole.Length - 1)));
    }

    [Fact]
    public void An_ordinary_key_takes_seven_bytes()
    {
        // 300 keys typed about 180 ms apart (66 WPM), one batch per key.
        var keys = Enumerable.Range(0, 300).Select(i => new LoggedKey(i + 1, "e", i * 180L, T0 + i * 181L)).ToArray();

        var bytes = KeyLogCodec.Encode(0, keys);

        Assert.Equal(7, bytes.Length / keys.Length);
    }
}
