using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TypingRace.Gateway.Hosting;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>A real gateway on Kestrel on a free loopback port, configured like a deployment would be.</summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplication _app;

    private GatewayInstance(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configure">Anything more the test needs of the host, such as a logger to read.</param>
    public static async Task<GatewayInstance> Start(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = RepositoryPaths.GatewayProject,
            WebRootPath = Path.Combine(RepositoryPaths.GatewayProject, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(RaceCluster.TestSettings);
        builder.Configuration.AddInMemoryCollection(settings);

        // This process's signals belong to the test host, not to the gateways it runs.
        builder.Configuration["Gateway:DrainOnSignal"] = "false";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTypingRaceGateway();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapTypingRaceGateway();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new GatewayInstance(app, new Uri(address));
    }

    /// <summary>Settings for a gateway that joins <paramref name="cluster"/> as an Orleans client.</summary>
    public static Dictionary<string, string?> ClientOf(RaceCluster cluster)
    {
        var options = cluster.Cluster.Options;
        var settings = new Dictionary<string, string?>
        {
            ["Orleans:Mode"] = "Client",
            ["Orleans:ClusterId"] = options.ClusterId,
            ["Orleans:ServiceId"] = options.ServiceId,
        };
        var silos = cluster.Cluster.Silos;
        for (var i = 0; i < silos.Count; i++)
        {
            settings[$"Orleans:GatewayPorts:{i}"] = silos[i].GatewayAddress.Endpoint.Port.ToString();
        }

        return settings;
    }

    /// <summary>
    /// <see cref="ClientOf"/> with the room action bucket opened wide, for tests that aim many calls down one connection
    /// as fast as they can: with the default 5 a second they would race its refill. LimitTests holds it to its numbers.
    /// </summary>
    public static Dictionary<string, string?> ClientOfWithoutRoomActionLimit(RaceCluster cluster)
    {
        var settings = ClientOf(cluster);
        settings["Gateway:RoomActionsPerSecond"] = "10000";
        settings["Gateway:RoomActionBurst"] = "10000";
        return settings;
    }

    /// <summary>Settings for the default single-process game on free ports.</summary>
    public static Dictionary<string, string?> CoHosted() => new()
    {
        ["Orleans:SiloPort"] = LoopbackPorts.Free().ToString(),
        ["Orleans:GatewayPort"] = LoopbackPorts.Free().ToString(),
        ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>
    /// <see cref="CoHosted"/> with clocks for racing at a person's pace: a minute to the time limit and half a minute to
    /// idleness, where the test cluster's short clocks (tests/TypingRace.Testing/RaceCluster.cs) would end a race typed
    /// key by key on a loaded machine.
    /// </summary>
    public static Dictionary<string, string?> CoHostedAtAPersonsPace()
    {
        var settings = CoHosted();
        settings["Rooms:RaceTimeLimit"] = "00:01:00";
        settings["Rooms:IdleLimit"] = "00:00:30";
        return settings;
    }

    public async Task<TestPlayer> Register(string name)
    {
        var response = await Http.PostAsJsonAsync("/api/players", new { name });
        response.EnsureSuccessStatusCode();
        var registration = (await response.Content.ReadFromJsonAsync<Registration>(Json))!;
        return new TestPlayer(registration.PlayerId, registration.Name, registration.Token);
    }

    public async Task<string> CreateRoom(TestPlayer host, string guideId, int paragraphIndex, string length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/rooms")
        {
            Content = JsonContent.Create(new { guideId, paragraphIndex, length }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("code").GetString()!;
    }

    /// <summary>The host makes a room on the mini guide's first short passage, and everyone joins it over the hub.</summary>
    public async Task<string> RoomWith(RaceClient host, params RaceClient[] guests)
    {
        var code = await CreateRoom(host.Player, TestGuides.MiniId, 0, "short");
        foreach (var member in guests.Prepend(host))
        {
            await member.Join(code);
        }

        return code;
    }

    /// <summary>A REST call as a client makes it: a player's token, an instructor's key and a JSON body when given.</summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token = null, object? body = null, string? instructorKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (instructorKey is not null)
        {
            request.Headers.Add("X-Instructor-Key", instructorKey);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A refusal in the documented shape: the status, the code, and a message a person can read.</summary>
    public static async Task ExpectRefusal(HttpResponseMessage response, HttpStatusCode status, string code, string context = "")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{context} answered {(int)response.StatusCode}, not {(int)status}: {body}");
        var error = JsonSerializer.Deserialize<TypingRace.Abstractions.ApiError>(body, Json)!;
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    public async Task<HubConnection> Connect(TestPlayer player)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Address, "/hubs/race"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(player.Token))
            .AddJsonProtocol(options => options.PayloadSerializerOptions = Json)
            .WithAutomaticReconnect()
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Registration(string PlayerId, string Name, string Tag, string Token);
}

public sealed record TestPlayer(string PlayerId, string Name, string Token);

/// <summary>Finds the repository from the test binaries, so the gateway serves its real wwwroot.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GatewayProject => Path.Combine(Root, "src", "TypingRace.Gateway");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TypingRace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TypingRace.sln not found above " + AppContext.BaseDirectory);
    }
}
