using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// HTTP requests written byte for byte over a socket, for what HttpClient will not send as given: a path with
/// <c>..</c> or <c>%00</c> left in, a broken request line, a Content-Length over the body limit.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (everything up to and including the blank line) and reads the answer.</summary>
    public static async Task<RestAnswer> Send(Uri gateway, string head, string body = "")
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(gateway.Host, gateway.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head + body));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (IOException)
        {
            // Kestrel may reset the connection right after its answer; what arrived before is the answer.
        }

        return Read(answer.ToArray());
    }

    /// <summary>A request with the usual headers around <paramref name="requestLine"/>, its connection closed after.</summary>
    public static Task<RestAnswer> Request(Uri gateway, string requestLine, string extraHeaders = "", string body = "") =>
        Send(gateway, $"{requestLine}\r\nHost: {gateway.Authority}\r\nConnection: close\r\n{extraHeaders}" +
                      (body.Length > 0 ? $"Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" : "") + "\r\n", body);

    /// <summary>The status and the body; a chunked body is joined from its chunks (sizes in bytes).</summary>
    private static RestAnswer Read(byte[] answer)
    {
        var split = answer.AsSpan().IndexOf("\r\n\r\n"u8);
        if (split < 0)
        {
            return new RestAnswer(0, null, null, Encoding.UTF8.GetString(answer));
        }

        var head = Encoding.ASCII.GetString(answer, 0, split);
        var body = answer.AsSpan(split + 4).ToArray();
        var status = int.Parse(head.Split(' ', 3)[1], CultureInfo.InvariantCulture);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        return RestAnswer.Parse(status, Encoding.UTF8.GetString(body));
    }

    private static byte[] Unchunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = at + chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd - at), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }
}
