using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypingRace.LoadTest.Racing;

/// <summary>The REST calls of docs/protocol.md and docs/cohorts.md the generator makes before the racing starts.</summary>
public sealed class GatewayRest(Uri server) : IDisposable
{
    public const string InstructorKeyHeader = "X-Instructor-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<Seat> Register(string name, CancellationToken cancellationToken)
    {
        var registration = await Send<Registration>(HttpMethod.Post, "/api/players", new { name }, token: null, key: null, cancellationToken);
        return new Seat(registration.PlayerId, registration.Token);
    }

    /// <summary>Sends a call with a player's token or an instructor key and reads its answer; a refusal throws.</summary>
    public async Task<T> Send<T>(HttpMethod method, string path, object? body, string? token, string? key, CancellationToken cancellationToken)
    {
        using var response = await Send(method, path, body, token, key, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new InvalidDataException($"{method} {path} answered without a body.");
    }

    /// <summary>A call whose answer has no body that matters (204).</summary>
    public async Task Call(HttpMethod method, string path, object? body, string? token, string? key, CancellationToken cancellationToken)
    {
        using var response = await Send(method, path, body, token, key, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body, string? token, string? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (key is not null)
        {
            request.Headers.Add(InstructorKeyHeader, key);
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The refusal's own words, so a setup error in the run's figures says what the server objected to.
            var refusal = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {refusal}", null, response.StatusCode);
        }

        return response;
    }

    private sealed record Registration(string PlayerId, string Token);
}
