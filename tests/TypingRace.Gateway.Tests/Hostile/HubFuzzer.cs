using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Abstractions;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Hostile hub calls through a real SignalR client: the documented methods with arguments of every wrong kind,
/// methods that do not exist, key batches replayed and out of order, and host actions on the bystanders' room. Every
/// answer must be a success or a refusal with a documented code, and the connection must stay open throughout.
/// Key batches come from a second connection, the typist's, whose own room races while the attack runs, so that
/// replayed and reordered batches meet a race that counts them rather than a lobby that refuses them all.
/// </summary>
public sealed class HubFuzzer(GatewayInstance gateway, TestPlayer attacker, RaceClient typist, string racingRoom, Bystanders bystanders, HostileValues values, ITestOutputHelper output) : IAsyncDisposable
{
    /// <summary>The methods of docs/protocol.md's hub table.</summary>
    public static readonly string[] Methods =
        ["JoinRoom", "LeaveRoom", "SetReady", "ChoosePassage", "StartRace", "NextPassage", "KickMember", "AddBot", "TypeKeys", "SendKeys", "RequestHint"];

    private static readonly string[] HostOnly = ["StartRace", "ChoosePassage", "KickMember", "AddBot", "NextPassage"];

    /// <summary>What <see cref="Call"/> answers for an input the SignalR client refused to write (an empty method name).</summary>
    private const string NotSentByTheClient = "(not sent by the client)";

    private readonly ConcurrentQueue<KeysRefused> _keysRefused = new();
    private readonly Dictionary<string, int> _codes = [];
    private HubConnection _hub = null!;
    private long _seq = 1;
    private object?[]? _accepted;

    public int Sent { get; private set; }

    /// <summary>Inputs the SignalR client would not put on the wire at all (it failed to write them), by reason.</summary>
    public Dictionary<string, int> NotSent { get; } = [];

    public IReadOnlyDictionary<string, int> Codes => _codes;

    public async Task Connect()
    {
        // NaN and the infinities go out as "NaN" and "Infinity": the nearest a JSON client can come to sending them.
        var json = new JsonSerializerOptions(GatewayInstance.Json) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway.Address, "/hubs/race"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(attacker.Token);
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions = json)
            .Build();
        _hub.On<KeysRefused>("keysRefused", refusal => _keysRefused.Enqueue(refusal));
        typist.Connection.On<KeysRefused>("keysRefused", refusal => _keysRefused.Enqueue(refusal));
        await _hub.StartAsync();
    }

    /// <summary>One seeded hostile input: most often a documented method with hostile arguments.</summary>
    public async Task Next(int step)
    {
        switch (values.Random.Next(10))
        {
            case 0:
                await UnknownMethod(step);
                break;
            case 1 or 2:
                await Keys(step);
                break;
            case 3 when step % 3 == 0:
                await HostActionInTheBystandersRoom(step);
                break;
            default:
                await KnownMethod(step);
                break;
        }
    }

    /// <summary>After the attack: the attacker leaves the bystanders' room if a random call put it there, and every keysRefused had a documented code.</summary>
    public async Task Finish()
    {
        await Call($"{Methods[1]} as the attack ends", "LeaveRoom", [bystanders.Room]);
        Assert.Equal((HubConnectionState.Connected, HubConnectionState.Connected), (_hub.State, typist.Connection.State));
        foreach (var refusal in _keysRefused)
        {
            Assert.True(DocumentedErrors.IsDocumented(refusal.Code), $"keysRefused with code '{refusal.Code}' ({refusal.Message}), which docs/protocol.md does not list {FuzzSeed.Replay}");
            Tally(refusal.Code);
        }

        output.WriteLine($"hub: {Sent} calls answered, {_keysRefused.Count} keysRefused events; not sent by the client: {Describe(NotSent)}");
        output.WriteLine($"hub codes: {Describe(_codes)}");
    }

    private Task UnknownMethod(int step)
    {
        var name = values.Pick((string[])["DropTables", "", " JoinRoom", "joinroom", "OnConnectedAsync", "Dispose", "Context", "__proto__", "JoinRoom\u0000", new string('M', 10_000), values.String()]);
        return Expect($"step {step}: unknown method '{RestAnswer.Shorten(name)}'", name, [.. Enumerable.Range(0, values.Random.Next(0, 3)).Select(_ => values.Json())],
            code => Methods.Contains(name) || string.Equals(name, "JoinRoom", StringComparison.OrdinalIgnoreCase) || code == ErrorCodes.UnknownMethod, ErrorCodes.UnknownMethod);
    }

    private async Task Keys(int step)
    {
        if (_accepted is { } accepted && values.Chance(0.25))
        {
            await Replay(step, accepted);
            return;
        }

        var batch = values.Batch(_seq);
        object?[] args = [values.Chance(0.7) ? racingRoom : values.Chance(0.8) ? values.Code() : values.Json(), batch];
        var shown = RestAnswer.Shorten(batch?.ToJsonString() ?? "null");
        if (values.Chance(0.4))
        {
            // A send: no answer but a keysRefused event, checked at the end.
            await Send(typist.Connection, $"step {step}: TypeKeys {shown}", "TypeKeys", args);
            return;
        }

        if (await Call(typist.Connection, $"step {step}: SendKeys {shown}", "SendKeys", args) is null)
        {
            _seq++;
            _accepted = args;
        }
    }

    /// <summary>A batch the race already took, sent again: a duplicate, unless the budget or the race ran out first.</summary>
    private Task Replay(int step, object?[] accepted) =>
        ExpectOn(typist.Connection, $"step {step}: SendKeys of an accepted batch again", "SendKeys", accepted,
            code => code is ErrorCodes.DuplicateBatch or ErrorCodes.RateLimited or ErrorCodes.RaceOver, ErrorCodes.DuplicateBatch);

    /// <summary>
    /// Codes are shareable, so the attacker may join the bystanders' room; a host's action there must then be refused
    /// as not-host, and the attacker leaves again.
    /// </summary>
    private async Task HostActionInTheBystandersRoom(int step)
    {
        var room = bystanders.Room;
        Assert.Null(await Call($"step {step}: JoinRoom of the bystanders' room", "JoinRoom", [room]));
        var action = values.Pick(HostOnly);
        object?[] args = action switch
        {
            "ChoosePassage" => [room, TestGuides.MiniId, 1, "short"],
            "KickMember" => [room, values.Pick((string[])[bystanders.Host.Player.PlayerId, bystanders.Guest.Player.PlayerId])],
            "AddBot" => [room, 80],
            _ => [room],
        };
        await Expect($"step {step}: {action} in the bystanders' room", action, args, code => code == ErrorCodes.NotHost, ErrorCodes.NotHost);
        Assert.Null(await Call($"step {step}: LeaveRoom of the bystanders' room", "LeaveRoom", [room]));
    }

    private Task KnownMethod(int step)
    {
        var method = values.Pick(Methods);
        var args = values.Chance(0.25) ? [.. Enumerable.Range(0, values.Random.Next(0, 6)).Select(_ => values.Json())] : Shaped(method);
        return method == "TypeKeys" ? Send($"step {step}: {method}", method, args) : Call($"step {step}: {method}", method, args);
    }

    /// <summary>The method's arguments in their places, each hostile some of the time.</summary>
    private object?[] Shaped(string method)
    {
        object? Code() => values.Chance(0.85) ? values.Code() : values.Json();
        object? Either(object? fair) => values.Chance(0.6) ? fair : values.Json();
        return method switch
        {
            "SetReady" => [Code(), Either(values.Chance(0.5))],
            "ChoosePassage" => [Code(), Either(values.Chance(0.5) ? TestGuides.MiniId : values.String()), Either(values.Number()), Either(values.Pick((string[])["short", "SHORT", "medium", "huge", ""]))],
            "KickMember" => [Code(), Either(values.PlayerId())],
            "AddBot" => [Code(), Either(values.Number())],
            "SendKeys" or "TypeKeys" => [Code(), values.Batch(_seq)],
            _ => [Code()],
        };
    }

    /// <summary>An invocation, whose refusal must carry a documented code and pass <paramref name="expected"/>.</summary>
    private Task Expect(string input, string method, object?[] args, Func<string?, bool> expected, string wanted) =>
        ExpectOn(_hub, input, method, args, expected, wanted);

    private async Task ExpectOn(HubConnection hub, string input, string method, object?[] args, Func<string?, bool> expected, string wanted)
    {
        var code = await Call(hub, input, method, args);
        Assert.True(code == NotSentByTheClient || expected(code), $"{input} answered {code ?? "success"}, expected {wanted} {FuzzSeed.Replay}");
    }

    /// <summary>Invokes and returns the refusal's code, or null for a success; any other failure fails the test.</summary>
    private Task<string?> Call(string input, string method, object?[] args) => Call(_hub, input, method, args);

    private async Task<string?> Call(HubConnection hub, string input, string method, object?[] args)
    {
        try
        {
            await hub.InvokeCoreAsync(method, typeof(object), args);
            Sent++;
            Tally("success");
            return null;
        }
        catch (HubException refused)
        {
            Sent++;
            var code = RaceError.CodeInHubMessage(refused.Message);
            Assert.True(DocumentedErrors.IsDocumented(code), $"{input} was refused with '{code}', which docs/protocol.md does not list: {refused.Message} {FuzzSeed.Replay}");
            Tally(code!);
            return code;
        }
        catch (Exception unsent) when (hub.State == HubConnectionState.Connected && unsent is ArgumentException or InvalidOperationException or JsonException)
        {
            NoteNotSent(unsent);
            return NotSentByTheClient;
        }
        finally
        {
            Assert.True(hub.State == HubConnectionState.Connected, $"the connection closed after {input} {FuzzSeed.Replay}");
        }
    }

    private Task Send(string input, string method, object?[] args) => Send(_hub, input, method, args);

    private async Task Send(HubConnection hub, string input, string method, object?[] args)
    {
        try
        {
            await hub.SendCoreAsync(method, args);
            Sent++;
        }
        catch (Exception unsent) when (hub.State == HubConnectionState.Connected && unsent is ArgumentException or InvalidOperationException or JsonException)
        {
            NoteNotSent(unsent);
        }

        Assert.True(hub.State == HubConnectionState.Connected, $"the connection closed after {input} {FuzzSeed.Replay}");
    }

    private void NoteNotSent(Exception unsent) => NotSent[$"{unsent.GetType().Name}: {unsent.Message}"] = NotSent.GetValueOrDefault($"{unsent.GetType().Name}: {unsent.Message}") + 1;

    private void Tally(string code) => _codes[code] = _codes.GetValueOrDefault(code) + 1;

    public static string Describe(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
