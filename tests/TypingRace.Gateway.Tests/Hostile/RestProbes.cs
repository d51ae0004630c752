using System.Net;
using TypingRace.Abstractions;
using TypingRace.Gateway.Api;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Named REST inputs with a known answer: path traversal, unknown paths, wrong methods, bad leaderboard queries,
/// an instructor's endpoints without the key, and the requests Kestrel refuses before any middleware of ours runs.
/// </summary>
public static class RestProbes
{
    /// <summary>What an input must be answered with: one code, any documented refusal, or Kestrel's own answer.</summary>
    public sealed record Probe(string Name, Func<Task<RestAnswer>> Send, string? Code, bool KestrelLevel = false);

    /// <summary>
    /// Requests Kestrel itself rejects, with a bare status and no body, before any middleware of ours could give them a
    /// code: a malformed request is not HTTP the application ever sees. Each is named here and only these may be bare.
    /// </summary>
    public static IEnumerable<Probe> KestrelLevel(Uri gateway) =>
    [
        new("a NUL escaped in the path (%00)", () => RawHttp.Request(gateway, "GET /api/guides/%00 HTTP/1.1"), null, true),
        new("a raw NUL byte in the path", () => RawHttp.Request(gateway, "GET /api/guides/\0 HTTP/1.1"), null, true),
        new("a request line that is not HTTP", () => RawHttp.Send(gateway, "HELLO\r\n\r\n"), null, true),
        new("an HTTP version that does not exist", () => RawHttp.Request(gateway, "GET /api/guides HTTP/9.9"), null, true),
        new("a space inside the path", () => RawHttp.Request(gateway, "GET /api/gu ides HTTP/1.1"), null, true),
        new("no Host header", () => RawHttp.Send(gateway, "GET /api/guides HTTP/1.1\r\nConnection: close\r\n\r\n"), null, true),
        new("two different Content-Length headers", () => RawHttp.Request(gateway, "POST /api/players HTTP/1.1", "Content-Length: 2\r\nContent-Length: 3\r\n"), null, true),
        new("a request line over Kestrel's 8 KB", () => RawHttp.Request(gateway, $"GET /api/guides/{new string('a', 9_000)} HTTP/1.1"), null, true),
        new("headers over Kestrel's 64 KB", () => RawHttp.Request(gateway, "GET /api/guides HTTP/1.1", $"X-Padding: {new string('p', 70_000)}\r\n"), null, true),
    ];

    /// <summary>Named inputs that reach the application, each with the one code docs/protocol.md gives it.</summary>
    public static IEnumerable<Probe> Named(GatewayInstance gateway, RestFuzzer rest, string cohort, string token)
    {
        var address = gateway.Address;
        Func<Task<RestAnswer>> Get(string path, string? key = null) => async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, rest.Address(path));
            if (key is not null)
            {
                request.Headers.Add("X-Instructor-Key", key);
            }

            return await RestAnswer.Of(await gateway.Http.SendAsync(request));
        };
        Func<Task<RestAnswer>> Call(HttpMethod method, string path, object? body = null) => async () => await RestAnswer.Of(await gateway.Send(method, path, token, body));
        const string board = "/api/leaderboards?scope=global&period=allTime&ranking=speed";
        return
        [
            new("a room code of ../../etc/passwd, encoded", Get("/api/rooms/..%2F..%2Fetc%2Fpasswd"), ErrorCodes.BadRoomCode),
            new("dot segments under /api/guides (Kestrel folds them to /secrets)", () => RawHttp.Request(address, "GET /api/guides/../../secrets HTTP/1.1"), ErrorCodes.NotFound),
            new("encoded dot segments under /api/guides", Get("/api/guides/..%2F..%2Fsecrets"), ErrorCodes.GuideNotFound),
            new("the gateway's appsettings.json above wwwroot", () => RawHttp.Request(address, "GET /../appsettings.json HTTP/1.1"), ErrorCodes.NotFound),
            new("the gateway's appsettings.json, dots encoded", Get("/%2e%2e/appsettings.json"), ErrorCodes.NotFound),
            new("/etc/passwd by encoded slashes", Get("/..%2f..%2f..%2fetc%2fpasswd"), ErrorCodes.NotFound),
            new("a .env file", Get("/.env"), ErrorCodes.NotFound),
            new("a .git folder", Get("/.git/config"), ErrorCodes.NotFound),
            new("an unknown API path", Get("/api/secrets"), ErrorCodes.NotFound),
            new("an unknown path under a player", Get("/api/players/me/secrets"), ErrorCodes.NotFound),
            new("DELETE on players", Call(HttpMethod.Delete, "/api/players"), ErrorCodes.MethodNotAllowed),
            new("PUT on rooms", Call(HttpMethod.Put, "/api/rooms", new { }), ErrorCodes.MethodNotAllowed),
            new("PATCH on guides", Call(HttpMethod.Patch, "/api/guides"), ErrorCodes.MethodNotAllowed),
            new("an unknown scope", Get("/api/leaderboards?scope=galaxy&period=allTime&ranking=speed"), ErrorCodes.BadScope),
            new("a guide board with no id", Get("/api/leaderboards?scope=guide&period=allTime&ranking=speed"), ErrorCodes.BadScope),
            new("an unknown period", Get("/api/leaderboards?scope=global&period=yearly&ranking=speed"), ErrorCodes.BadPeriod),
            new("an unknown ranking", Get("/api/leaderboards?scope=global&period=allTime&ranking=luck"), ErrorCodes.BadRanking),
            new("top 0", Get(board + "&top=0"), ErrorCodes.BadTop),
            new("top 1001", Get(board + "&top=1001"), ErrorCodes.BadTop),
            new("top -5", Get(board + "&top=-5"), ErrorCodes.BadTop),
            new("top that is not a number", Get(board + "&top=ten"), ErrorCodes.BadRequest),
            new("top past int", Get(board + "&top=99999999999"), ErrorCodes.BadRequest),
            new("a rank of nobody", Get("/api/leaderboards/rank?scope=global&period=allTime&ranking=speed&playerId=%00"), null),
            new("a cohort board without a token or key", Get($"/api/leaderboards?scope=cohort&id={cohort}&period=allTime&ranking=speed"), ErrorCodes.NotAMember),
            new("a cohort's live view without the key", Get($"/api/cohorts/{cohort}/live"), ErrorCodes.InstructorKeyRequired),
            new("a cohort's live view with a wrong key", Get($"/api/cohorts/{cohort}/live", "ik-" + new string('0', 48)), ErrorCodes.InstructorKeyRequired),
            new("a cohort's marathon export without the key", Get($"/api/cohorts/{cohort}/marathon.csv"), ErrorCodes.InstructorKeyRequired),
            new("opening a marathon without the key", Call(HttpMethod.Post, $"/api/cohorts/{cohort}/marathon", new { guideId = "mini", length = "short" }), ErrorCodes.InstructorKeyRequired),
            new("a competition without the key", Call(HttpMethod.Post, $"/api/cohorts/{cohort}/competitions", new { name = "Cup", rounds = Array.Empty<object>() }), ErrorCodes.InstructorKeyRequired),
            new("removing a member without the key", Call(HttpMethod.Delete, $"/api/cohorts/{cohort}/members/{Guid.NewGuid():N}"), ErrorCodes.InstructorKeyRequired),
            // Kestrel finds a broken chunk only when the endpoint reads the body, so this one reaches our envelope.
            new("a chunk size that is not hex", () => RawHttp.Send(address, $"POST /api/players HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"), ErrorCodes.BadRequest),
            new("a body announced over 4 MB", () => RawHttp.Request(address, "POST /api/players HTTP/1.1", $"Content-Type: application/json\r\nContent-Length: {RestErrors.MaxBodyBytes + 1}\r\n"), ErrorCodes.BodyTooLarge),
        ];
    }

    /// <summary>
    /// Runs a probe and holds it to its expectation; returns a line for the report. A Kestrel-level probe may be a bare
    /// 4xx (or a documented refusal); everything else must be the documented one.
    /// </summary>
    public static async Task<string> Check(Probe probe)
    {
        var answer = await probe.Send();
        var what = $"{probe.Name}: {answer.Status} {(answer.IsBareKestrel400 || answer.Body.Length == 0 ? "bare (no body)" : answer.Code ?? RestAnswer.Shorten(answer.Body))}";
        if (probe.KestrelLevel && answer.Body.Length == 0)
        {
            Assert.True(answer.Status is >= 400 and < 600, $"{what} {FuzzSeed.Replay}");
            return what;
        }

        answer.AssertDocumented(probe.Name);
        if (probe.Code is { } code)
        {
            answer.AssertRefused((HttpStatusCode)answer.Status, code, probe.Name);
        }

        Assert.DoesNotContain("root:x:0:0", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LogLevel\"", answer.Body, StringComparison.Ordinal);
        return what;
    }
}
