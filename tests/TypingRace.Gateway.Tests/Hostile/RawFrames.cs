namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Hub messages written by hand, in two kinds. <see cref="Framed"/>: invocations SignalR can read as messages (type 1,
/// a string target, an arguments array) with arguments no SignalR client would send; each must get a completion with
/// a documented code and leave the connection open. <see cref="Unreadable"/>: text SignalR cannot read as a message at
/// all; SignalR ends the connection with a close message, and only that connection.
/// </summary>
public static class RawFrames
{
    /// <summary>A framed invocation: its target and its arguments array, as raw JSON.</summary>
    public sealed record Framed(string Name, string Target, string Arguments);

    /// <summary>A record given as is (the separator is added), and whether SignalR can read it as a message.</summary>
    public sealed record Record(string Name, string Text);

    public static Framed NextFramed(HostileValues values, string room)
    {
        var code = values.Chance(0.5) ? $"\"{room}\"" : values.Pick((string[])["\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\"", "\"K7MQ2D\\u0000\"", "null", "\"\""]);
        var number = values.Pick((string[])["1e400", "-1e400", "-0", "0.0000000000000000000001", "123456789012345678901234567890", "1E+2", "-9223372036854775809", "5e-324", "1.7976931348623157e309"]);
        var text = values.Pick((string[])["\"\\ud800\"", "\"\\u0007\\u001b[31m\"", "\"a\\u0000b\"", "\"\\\\u0000\"", "\"" + new string('x', 100_000) + "\""]);
        return values.Random.Next(12) switch
        {
            0 => new("JoinRoom of a lone surrogate or NUL code", "JoinRoom", $"[{code}]"),
            1 => new("SetReady with a number for a yes/no", "SetReady", $"[{code},{number}]"),
            2 => new("AddBot at a number past double", "AddBot", $"[{code},{number}]"),
            3 => new("ChoosePassage with a number past int", "ChoosePassage", $"[{code},\"mini\",{number},\"short\"]"),
            4 => new("SendKeys with a seq past long", "SendKeys", $"[{code},{{\"seq\":{number},\"keys\":[{{\"k\":\"a\",\"t\":1}}]}}]"),
            5 => new("SendKeys with a key of a lone surrogate or control text", "SendKeys", $"[{code},{{\"seq\":1,\"keys\":[{{\"k\":{text},\"t\":1}}]}}]"),
            6 => new("SendKeys with t past long", "SendKeys", $"[{code},{{\"seq\":1,\"keys\":[{{\"k\":\"a\",\"t\":{number}}}]}}]"),
            7 => new("SendKeys with a property twice", "SendKeys", $"[{code},{{\"seq\":1,\"seq\":2,\"keys\":[],\"keys\":[{{\"k\":\"a\",\"t\":1}}]}}]"),
            8 => new("KickMember of a player id of control text", "KickMember", $"[{code},{text}]"),
            9 => new("JoinRoom with a string of text", "JoinRoom", $"[{text}]"),
            10 => new("an unknown method with a control-text name", values.Pick((string[])["\u0000\u001bDrop", "\u202eJoinRoom", new string('M', 50_000)]), "[]"),
            _ => new("JoinRoom with arguments nested 40 deep", "JoinRoom", new string('[', 41) + new string(']', 41)),
        };
    }

    /// <summary>Records SignalR cannot read as a message: each closes its connection (asserted, and listed for the docs).</summary>
    public static IReadOnlyList<Record> Unreadable { get; } =
    [
        new("not JSON", "hello"),
        new("a target that is a number", "{\"type\":1,\"invocationId\":\"frame\",\"target\":42,\"arguments\":[]}"),
        new("an invocationId that is a number", "{\"type\":1,\"invocationId\":7,\"target\":\"JoinRoom\",\"arguments\":[\"ZZZZ23\"]}"),
        new("arguments missing", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\"}"),
        new("arguments null", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":null}"),
        new("arguments an object", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":{\"code\":\"ZZZZ23\"}}"),
        new("NaN, which JSON does not have", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"AddBot\",\"arguments\":[\"ZZZZ23\",NaN]}"),
        new("a message with no type", "{\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[]}"),
        new("a type past int", "{\"type\":99999999999}"),
        new("a type that is a string", "{\"type\":\"1\",\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[]}"),
        new("an empty record", ""),
        new("a JSON array instead of an object", "[1,2,3]"),
        new("cut-off JSON", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"ZZ"),
        new("arguments nested past JSON's depth limit of 64", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":" + new string('[', 70) + new string(']', 70) + "}"),
        new("a message over the 256 KB limit", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"" + new string('x', 300_000) + "\"]}"),
    ];

    /// <summary>
    /// Records SignalR reads its own way, none of them ours to decide: each is ignored or answered and the connection
    /// goes on. Two messages with no separator between them are read as the first (it is answered) and the rest of the
    /// record is dropped without a word.
    /// </summary>
    public static IReadOnlyList<Record> Others { get; } =
    [
        new("two messages with no separator between them", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"Probe\",\"arguments\":[]}{\"type\":1,\"invocationId\":\"second\",\"target\":\"Probe\",\"arguments\":[]}"),
        new("a stream item nobody asked for", "{\"type\":2,\"invocationId\":\"frame\",\"item\":1}"),
        new("a completion the server never asked for", "{\"type\":3,\"invocationId\":\"frame\",\"result\":1}"),
        new("a cancel of an invocation that does not run", "{\"type\":5,\"invocationId\":\"frame\"}"),
        new("a ping", "{\"type\":6}"),
        new("an invocation with headers and unknown properties", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"ZZZZ23\"],\"headers\":{\"x\":\"y\"},\"extra\":[1]}"),
    ];

    /// <summary>Message types SignalR does not know: ignored, whatever else they carry.</summary>
    public static IReadOnlyList<Record> UnknownTypes { get; } =
    [
        new("an unknown message type", "{\"type\":99}"),
        new("an unknown message type carrying an invocation", "{\"type\":99,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"ZZZZ23\"]}"),
    ];

    /// <summary>Streams the hub does not take: answered, but with SignalR's sentence and no code (see the defect tests).</summary>
    public static IReadOnlyList<Record> Streams { get; } =
    [
        new("a streaming invocation of a method that does not stream", "{\"type\":4,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"ZZZZ23\"]}"),
        new("an invocation with stream ids for a method that takes none", "{\"type\":1,\"invocationId\":\"frame\",\"target\":\"JoinRoom\",\"arguments\":[\"ZZZZ23\"],\"streamIds\":[\"s1\"]}"),
    ];
}
