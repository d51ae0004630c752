using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using TypingRace.Abstractions;
using TypingRace.Gateway.Api;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// The refusals a hostile or careless client meets, each with its documented code and the connection kept: the
/// ones ASP.NET Core and SignalR would make without a code, the key batch numbering and sizes, and the room rules
/// a first independent client found loose.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusalTests(RaceCluster cluster)
{
    [Fact]
    public async Task Rest_refusals_made_by_the_framework_carry_the_error_envelope()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        var ada = await gateway.Register("Ada");

        await GatewayInstance.ExpectRefusal(await Post(gateway, "/api/players", "{\"name\": ", "application/json"), HttpStatusCode.BadRequest, ErrorCodes.BadRequest, "cut-off JSON");
        await GatewayInstance.ExpectRefusal(await Post(gateway, "/api/players", "{\"name\": 42}", "application/json"), HttpStatusCode.BadRequest, ErrorCodes.BadRequest, "a number for a name");
        await GatewayInstance.ExpectRefusal(await Post(gateway, "/api/players", "name=Ada", "text/plain"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "a form body");
        await GatewayInstance.ExpectRefusal(await Post(gateway, "/api/rooms", "{\"guideId\": \"mini\", \"paragraphIndex\": \"3\", \"length\": \"short\"}", "application/json", ada.Token),
            HttpStatusCode.BadRequest, ErrorCodes.BadRequest, "a number in a string");
        await GatewayInstance.ExpectRefusal(await gateway.Http.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, ErrorCodes.NotFound, "an unknown path");
        await GatewayInstance.ExpectRefusal(await gateway.Http.DeleteAsync("/api/players"), HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed, "DELETE on players");

        // A body over the limit is refused from its Content-Length, before it is sent: HttpClient would fail on the
        // closed socket instead of reading the answer, so this one goes over a bare socket.
        var (status, body) = await RawPost(gateway, "/api/players", RestErrors.MaxBodyBytes + 1);
        Assert.Equal((413, ErrorCodes.BodyTooLarge), (status, System.Text.Json.JsonSerializer.Deserialize<ApiError>(body, GatewayInstance.Json)!.Code));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/guides");
        request.Headers.Add("X-Padding", new string('p', RestErrors.MaxHeaderBytes + 1));
        await GatewayInstance.ExpectRefusal(await gateway.Http.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge, "headers over the limit");

        // The gateway still answers everyone.
        Assert.Equal("Bo", (await gateway.Register("Bo")).Name);
    }

    [Fact]
    public async Task Hub_calls_that_cannot_be_bound_are_refused_with_a_code_and_the_connection_stays()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        var refusals = Channel.CreateUnbounded<KeysRefused>();
        host.Connection.On<KeysRefused>("keysRefused", refusal => refusals.Writer.TryWrite(refusal));
        var code = await gateway.RoomWith(host);
        var hub = host.Connection;

        Assert.Equal(ErrorCodes.UnknownMethod, await HubErrors.CodeOf(hub.InvokeAsync("DropTables", code)));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("ChoosePassage", code, TestGuides.MiniId, "3", "short")));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("ChoosePassage", code, TestGuides.MiniId, null, "short")));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("SetReady", code, "yes")));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("SetReady", code)));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("AddBot", code, 80, "extra")));
        Assert.Equal(ErrorCodes.BadArguments, await HubErrors.CodeOf(hub.InvokeAsync("SendKeys", code, "not a batch")));

        // A TypeKeys that cannot be read is a send: it gets its keysRefused, as a readable one would.
        await hub.SendAsync("TypeKeys", code, 17);
        var unreadable = await refusals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((ErrorCodes.BadArguments, 0L), (unreadable.Code, unreadable.Seq));

        // Nothing changed and the connection works: the host's view is as it was.
        var view = await hub.InvokeAsync<RoomView>("JoinRoom", code);
        Assert.Equal((RoomPhase.Lobby, 0, 1), (view.Phase, view.Passage.FirstParagraphIndex, view.Members.Length));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Batches_are_numbered_from_one_and_only_a_message_over_the_byte_limit_closes_the_connection()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var ada = await RaceClient.Connect(gateway, await gateway.Register("Ada"));
        await using var bo = await RaceClient.Connect(gateway, await gateway.Register("Bo"));
        var code = await gateway.RoomWith(ada, bo);
        await ada.Connection.InvokeAsync("StartRace", code);
        var text = (await ada.WaitForView(view => view.Phase == RoomPhase.Racing, "racing")).Passage.Text!;

        Assert.Equal(ErrorCodes.OutOfOrder, await KeysCode(ada, code, new KeyBatch(0, [new KeyPress(text[..1], 10)])));
        Assert.Equal(ErrorCodes.OutOfOrder, await KeysCode(ada, code, new KeyBatch(-3, [new KeyPress(text[..1], 10)])));
        await ada.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(1, [new KeyPress(text[..1], 100)]));
        await ada.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(2, [new KeyPress(text[1..2], 200)]));
        Assert.Equal(ErrorCodes.DuplicateBatch, await KeysCode(ada, code, new KeyBatch(1, [new KeyPress("x", 300)])));
        Assert.Equal(ErrorCodes.DuplicateBatch, await KeysCode(ada, code, new KeyBatch(2, [new KeyPress("x", 300)])));

        // 50 keys of 200 characters that JSON escapes (about 60 KB) are within the byte limit: refused for the key
        // length only, never by closing the connection. So are 10,000 one-character keys (about 220 KB).
        var escaped = new string('\u0001', 201);
        Assert.Equal(ErrorCodes.BatchTooLarge, await KeysCode(ada, code, new KeyBatch(3, [.. Enumerable.Repeat(new KeyPress(escaped, 400), 50)])));
        Assert.Equal(ErrorCodes.BatchTooLarge, await KeysCode(ada, code, new KeyBatch(3, [.. Enumerable.Range(0, 10_000).Select(i => new KeyPress("a", i))])));
        var ack = await ada.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(3, [new KeyPress(text[2..3], 500)]));
        Assert.Equal(3, ack.Position);

        // 100,000 keys are over the byte limit: the one case that closes the connection, as docs/protocol.md says.
        var closed = new TaskCompletionSource();
        // The client reconnects on its own (automatic reconnect), so the close shows as Reconnecting.
        ada.Connection.Reconnecting += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        ada.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await ada.Connection.SendAsync("TypeKeys", code, new KeyBatch(4, [.. Enumerable.Range(0, 100_000).Select(i => new KeyPress("a", i))]));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Bo never noticed: his race goes on and he types.
        var boAck = await bo.Connection.InvokeAsync<KeyAck>("SendKeys", code, new KeyBatch(1, [new KeyPress(text[..1], 100)]));
        Assert.Equal(1, boAck.Position);
    }

    [Fact]
    public async Task Room_actions_say_room_not_found_for_a_room_that_does_not_exist_and_the_host_cannot_kick_itself()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster));
        await using var host = await RaceClient.Connect(gateway, await gateway.Register("Host"));
        await using var guest = await RaceClient.Connect(gateway, await gateway.Register("Guest"));
        var code = await gateway.RoomWith(host, guest);
        const string nowhere = "ZZZZ23";

        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(host.Connection.InvokeAsync("LeaveRoom", nowhere)));
        Assert.Equal(ErrorCodes.RoomNotFound, await HubErrors.CodeOf(host.Connection.InvokeAsync("SetReady", nowhere, true)));
        Assert.Equal(ErrorCodes.RoomNotFound, await KeysCode(host, nowhere, new KeyBatch(1, [new KeyPress("S", 0)])));

        var selfKick = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => host.Connection.InvokeAsync("KickMember", code, host.Player.PlayerId));
        Assert.Equal(ErrorCodes.CannotKickSelf, HubErrors.CodeOf(selfKick));
        var view = await host.Connection.InvokeAsync<RoomView>("JoinRoom", code);
        Assert.Equal((host.Player.PlayerId, 2), (view.HostId, view.Members.Length));

        // Paragraphs are counted from 0 in the message, as in the API.
        var outOfRange = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => host.Connection.InvokeAsync("ChoosePassage", code, TestGuides.MiniId, 500, "short"));
        Assert.Equal(ErrorCodes.ParagraphOutOfRange, HubErrors.CodeOf(outOfRange));
        Assert.Contains("paragraphs 0 to", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("500 is not one of them", outOfRange.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_refused_calls_is_logged_once_per_code_with_its_count_and_never_as_an_error()
    {
        var log = new LogRecorder();
        await using var gateway = await GatewayInstance.Start(GatewayInstance.ClientOf(cluster), builder => builder.Logging.AddProvider(log));
        var flooder = await RaceClient.Connect(gateway, await gateway.Register("Flooder"));
        var code = await gateway.RoomWith(flooder);

        // In the lobby every batch is refused: race-not-started while the connection's burst lasts, rate-limited after.
        var codes = new List<string>();
        for (var i = 1; i <= 300; i++)
        {
            codes.Add(await KeysCode(flooder, code, new KeyBatch(i, [new KeyPress("S", i)])));
        }

        var rateLimited = codes.Count(c => c == ErrorCodes.RateLimited);
        Assert.InRange(rateLimited, 1, 299);
        Assert.Equal(300 - rateLimited, codes.Count(c => c == ErrorCodes.RaceNotStarted));
        await flooder.DisposeAsync();

        var tally = await Eventually.Get(
            () => Task.FromResult(log.Entries.FirstOrDefault(e => e.Message.Contains("closed after refusals", StringComparison.Ordinal))),
            entry => entry is not null, "the connection's refusal tally");
        Assert.Contains($"rate-limited {rateLimited}", tally!.Message, StringComparison.Ordinal);
        Assert.Contains($"race-not-started {300 - rateLimited}", tally.Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Information, tally.Level);
        var refusalEntries = log.Entries.Where(e => e.Message.StartsWith("Refused ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["race-not-started", "rate-limited"], refusalEntries.Select(e => e.Message.Split(' ')[1]).Order());
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(log.Entries, e => e.Exception is Microsoft.AspNetCore.SignalR.HubException);
    }

    /// <summary>Sends a POST's headers announcing <paramref name="length"/> bytes of body, and reads the answer.</summary>
    private static async Task<(int Status, string Body)> RawPost(GatewayInstance gateway, string path, long length)
    {
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(gateway.Address.Host, gateway.Address.Port);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {gateway.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var status = int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        // A chunked answer: the JSON is the first chunk's line.
        return (status, body.Contains('{') ? body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)] : body);
    }

    private static Task<string> KeysCode(RaceClient client, string code, KeyBatch batch) =>
        HubErrors.CodeOf(client.Connection.InvokeAsync<KeyAck>("SendKeys", code, batch));

    private static async Task<HttpResponseMessage> Post(GatewayInstance gateway, string path, string body, string mediaType, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await gateway.Http.SendAsync(request);
    }
}
