using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TypingRace.Abstractions;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// Hostile REST calls over a real HttpClient: every endpoint of docs/protocol.md with hostile path values, bodies
/// of the wrong shape, type, media type or size, wrong methods, bad query values, and tokens that are garbage,
/// someone else's or revoked. The attacker's own token is rotated and signed out along the way, and each old one
/// must then get 401 unauthorized.
/// </summary>
public sealed class RestFuzzer(GatewayInstance gateway, HostileValues values, ITestOutputHelper output)
{
    /// <summary>Every endpoint, with {} where a path value goes and the field names its body takes.</summary>
    private static readonly (string Method, string Path, string[] Fields)[] Endpoints =
    [
        ("POST", "/api/players", ["name"]),
        ("GET", "/api/players/me", []),
        ("PUT", "/api/players/me/name", ["name"]),
        ("POST", "/api/players/me/device-code", []),
        ("POST", "/api/players/device", ["code"]),
        ("POST", "/api/players/me/token", []),
        ("POST", "/api/players/me/sign-out-everywhere", []),
        ("DELETE", "/api/players/me/token", []),
        ("GET", "/api/guides", []),
        ("GET", "/api/guides/{}", []),
        ("POST", "/api/guides/preview", ["title", "format", "content", "delete", "mergeWithNext"]),
        ("POST", "/api/guides", ["title", "format", "content", "delete", "mergeWithNext"]),
        ("POST", "/api/rooms", ["guideId", "paragraphIndex", "length"]),
        ("GET", "/api/rooms/{}", []),
        ("GET", "/api/races/{}", []),
        ("GET", "/api/races/{}/verify", []),
        ("GET", "/api/races/{}/replay", []),
        ("GET", "/api/fair-play", []),
        ("POST", "/api/quick-race", ["length", "bots"]),
        ("GET", "/api/quick-race?length={}", []),
        ("DELETE", "/api/quick-race?length={}", []),
        ("POST", "/api/ghost-races", ["kind", "room", "guideId", "paragraphIndex", "length", "cohort", "raceId", "players"]),
        ("GET", "/api/leaderboards?scope={}&id={}&period={}&ranking={}&top={}", []),
        ("GET", "/api/leaderboards/rank?scope={}&id={}&period={}&ranking={}&playerId={}", []),
        ("GET", "/api/players/{}/stats", []),
        ("GET", "/api/players/{}/weak-spots", []),
        ("POST", "/api/cohorts", ["name"]),
        ("GET", "/api/cohorts/{}", []),
        ("POST", "/api/cohorts/{}/join", []),
        ("POST", "/api/cohorts/{}/presence", []),
        ("DELETE", "/api/cohorts/{}/members/{}", []),
        ("POST", "/api/cohorts/{}/competitions", ["name", "rounds"]),
        ("POST", "/api/cohorts/{}/competitions/{}/rounds/{}/start", []),
        ("POST", "/api/cohorts/{}/competitions/{}/end", []),
        ("GET", "/api/cohorts/{}/live", []),
        ("POST", "/api/cohorts/{}/instructor-key", []),
        ("POST", "/api/cohorts/{}/instructors", ["playerId"]),
        ("POST", "/api/cohorts/{}/guides/preview", ["title", "format", "content"]),
        ("POST", "/api/cohorts/{}/marathon", ["guideId", "length"]),
        ("POST", "/api/cohorts/{}/marathon/next", []),
        ("GET", "/api/cohorts/{}/marathon.csv", []),
        ("GET", "/api/cohorts/{}/competitions/{}/standings.csv", []),
        ("GET", "/healthz", []),
        ("GET", "/readyz", []),
    ];

    private static readonly string[] MethodNames = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"];

    private readonly Dictionary<string, int> _answers = [];
    private readonly List<string> _revoked = [];
    private TestPlayer _attacker = null!;

    public int Sent { get; private set; }

    /// <summary>Values the path templates draw on besides hostile ones: the attacker's cohort and its members' ids.</summary>
    public List<string> Cohorts { get; } = [];

    public async Task Register() => _attacker = await gateway.Register("Rest attacker");

    public async Task Next(int step)
    {
        var (method, template, fields) = values.Pick(Endpoints);
        method = values.Chance(0.15) ? values.Pick(MethodNames) : method;
        var path = Fill(template);
        var (token, tokenKind) = Token();
        using var request = new HttpRequestMessage(new HttpMethod(method), Address(path));
        request.Content = Body(fields, out var bodyKind);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (values.Chance(0.1))
        {
            // Header values stay ASCII: HttpClient will not send anything else.
            request.Headers.TryAddWithoutValidation("X-Instructor-Key", values.Pick((string[])["ik-" + new string('0', 48), "", "ik-", new string('k', 4_000)]));
        }

        var input = $"step {step}: {method} {RestAnswer.Shorten(path)} with {tokenKind} and {bodyKind}";
        var answer = await Send(request, input);
        await Follow(method, template, tokenKind, answer, input);
    }

    /// <summary>An answer that rotated or ended the attacker's token: the old token must now be refused everywhere.</summary>
    private async Task Follow(string method, string template, string tokenKind, RestAnswer answer, string input)
    {
        if (tokenKind != "the attacker's token" || !answer.Succeeded || !template.StartsWith("/api/players/me/", StringComparison.Ordinal)
            || template == "/api/players/me/name" || template == "/api/players/me/device-code")
        {
            return;
        }

        _revoked.Add(_attacker.Token);
        _attacker = method == "DELETE" ? await gateway.Register("Rest attacker") : _attacker with { Token = JsonDocument.Parse(answer.Body).RootElement.GetProperty("token").GetString()! };
        var old = await RestAnswer.Of(await gateway.Send(HttpMethod.Get, "/api/players/me", _revoked[^1]));
        old.AssertRefused(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized, $"the token {input} replaced");
        Sent++;
    }

    public async Task<RestAnswer> Send(HttpRequestMessage request, string input)
    {
        using var response = await gateway.Http.SendAsync(request);
        var answer = await RestAnswer.Of(response);
        if (request.Method == HttpMethod.Head)
        {
            // A HEAD answer has no body by HTTP's rules, so a refusal's envelope cannot be in it: only its status counts.
            Assert.True(answer.Status < 500, $"{input} answered {answer.Status} {FuzzSeed.Replay}");
        }
        else
        {
            answer.AssertDocumented(input);
        }

        Sent++;
        var key = answer.Succeeded ? $"{answer.Status}" : $"{answer.Status} {answer.Code}";
        _answers[key] = _answers.GetValueOrDefault(key) + 1;
        return answer;
    }

    public void Report() => output.WriteLine($"REST: {Sent} requests; answers {HubFuzzer.Describe(_answers)}; tokens revoked along the way {_revoked.Count}");

    /// <summary>An address taken as written: HttpClient would otherwise fold "..", and escape what it should not.</summary>
    public Uri Address(string path) => new(gateway.Address.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private string Fill(string template)
    {
        var path = new StringBuilder();
        var parts = template.Split("{}");
        for (var i = 0; i < parts.Length; i++)
        {
            path.Append(parts[i]);
            if (i < parts.Length - 1)
            {
                path.Append(PathValue());
            }
        }

        return path.ToString();
    }

    private string PathValue() => values.Random.Next(10) switch
    {
        0 => "..%2F..%2Fetc%2Fpasswd",
        1 => "%2e%2e%2f%2e%2e%2fsecrets",
        2 => "%E2%80%AE%F0%9F%8F%81",
        3 when Cohorts.Count > 0 => values.Pick(Cohorts),
        4 => Escape(values.Code()),
        5 => values.Pick((string[])["global", "guide", "passage", "cohort", "daily", "weekly", "allTime", "speed", "accuracy", "short", "1", "0", "-1", "1001", "2147483648", "NaN", "1e3", ""]),
        6 => new string('9', values.Random.Next(20, 2_000)),
        _ => Escape(RestAnswer.Shorten(values.String())),
    };

    /// <summary>
    /// Percent-encoded; a lone surrogate, which has no UTF-8, goes as the bytes a broken client would send. NUL is left
    /// out: %00 in a path is refused by Kestrel itself with a bare 400, one of the named Kestrel-level probes.
    /// </summary>
    private static string Escape(string text)
    {
        try
        {
            return Uri.EscapeDataString(text.Replace("\0", "", StringComparison.Ordinal));
        }
        catch (UriFormatException)
        {
            return "%ED%A0%80";
        }
    }

    private (string? Header, string Kind) Token() => values.Random.Next(9) switch
    {
        0 or 1 or 2 => ($"Bearer {_attacker.Token}", "the attacker's token"),
        3 when _revoked.Count > 0 => ($"Bearer {values.Pick(_revoked)}", "a revoked token"),
        4 => ($"Bearer {_attacker.PlayerId}.{new string('A', 43)}", "the attacker's id with a wrong secret"),
        5 => ($"Bearer  {_attacker.Token}\t", "the attacker's token padded"),
        6 => (values.Pick((string[])["Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer " + new string('x', 8_000), "Bearer a.b.c", "bearer ..", "Bearer " + new string('.', 3)]), "a garbage token"),
        _ => (null, "no token"),
    };

    private HttpContent? Body(string[] fields, out string kind)
    {
        switch (values.Random.Next(10))
        {
            case 0:
                kind = "no body";
                return null;
            case 1:
                kind = "broken JSON";
                return new StringContent(values.Pick((string[])["{", "[1,", "nul", "{\"name\": NaN}", "{\"name\":\"a\"}{}", "\u0000", "{\"a\":" + new string('[', 5_000)]), Encoding.UTF8, "application/json");
            case 2:
                kind = "a body that is not JSON";
                return new StringContent("name=Ada", Encoding.UTF8, values.Pick((string[])["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data"]));
            case 3 when values.Chance(0.15):
                kind = "a body of about 2 MB";
                return JsonContent.Create(new JsonObject { [fields.Length > 0 ? fields[0] : "name"] = new string('x', 2_000_000) });
            case 4 or 5:
                kind = "any JSON";
                return JsonContent.Create(values.Json());
            default:
                kind = "the fields with hostile values";
                var body = new JsonObject();
                foreach (var field in fields.Where(_ => values.Chance(0.8)))
                {
                    body[field] = values.Chance(0.4) ? Fair(field) : values.Json();
                }

                return JsonContent.Create(body);
        }
    }

    /// <summary>A value of the right type for <paramref name="field"/>, so that the request gets past reading into the checks.</summary>
    private JsonNode? Fair(string field) => field switch
    {
        "name" or "title" => "Mallory",
        "guideId" => "mini",
        "paragraphIndex" => values.Random.Next(-2, 40),
        "length" => values.Pick((string[])["short", "LONG", "huge"]),
        "bots" => true,
        "format" => values.Pick((string[])["text", "markdown", "pdf"]),
        "content" => "# Notes\n\nA short paragraph to type.",
        "delete" or "mergeWithNext" => new JsonArray(values.Random.Next(-5, 50)),
        "kind" => values.Pick((string[])["best", "class", "replay", "worst"]),
        _ => values.Code(),
    };
}
