using System.Net;
using System.Text.Json;

namespace TypingRace.Gateway.Tests.Hostile;

/// <summary>
/// What a REST call answered, read the way docs/protocol.md says every refusal reads: a 4xx with
/// <c>{ code, message }</c>. <see cref="Code"/> is null when the body is not that envelope.
/// </summary>
public sealed record RestAnswer(int Status, string? Code, string? Message, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Kestrel's own refusal: a 400 with no body, sent before any middleware of ours could give it a code.</summary>
    public bool IsBareKestrel400 => Status == 400 && Body.Length == 0;

    public static async Task<RestAnswer> Of(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return Parse((int)response.StatusCode, body);
    }

    public static RestAnswer Parse(int status, string body)
    {
        if (status is >= 200 and < 300)
        {
            return new RestAnswer(status, null, null, body);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                   && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? new RestAnswer(status, code.GetString(), message.GetString(), body)
                : new RestAnswer(status, null, null, body);
        }
        catch (JsonException)
        {
            return new RestAnswer(status, null, null, body);
        }
    }

    /// <summary>
    /// The contract for every REST answer of a hostile input: never a 5xx, and a refusal has a documented code and a
    /// message a person can read.
    /// </summary>
    public void AssertDocumented(string input)
    {
        Assert.True(Status < 500, $"{input} answered {Status}: {Shorten(Body)} {FuzzSeed.Replay}");
        if (Succeeded)
        {
            return;
        }

        Assert.True(DocumentedErrors.IsDocumented(Code), $"{input} answered {Status} with code '{Code}', which docs/protocol.md does not list: {Shorten(Body)} {FuzzSeed.Replay}");
        Assert.False(string.IsNullOrWhiteSpace(Message), $"{input} answered {Status} {Code} with no message {FuzzSeed.Replay}");
    }

    public void AssertRefused(HttpStatusCode status, string code, string input)
    {
        AssertDocumented(input);
        Assert.True((Status, Code) == ((int)status, code), $"{input} answered {Status} {Code}, not {(int)status} {code}: {Shorten(Body)} {FuzzSeed.Replay}");
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : $"{text[..300]}… ({text.Length} characters)";
}
