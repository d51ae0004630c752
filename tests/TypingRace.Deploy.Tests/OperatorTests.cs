using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using TypingRace.Abstractions;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>The cluster as an operator runs it in containers: JSON logs, and the Orleans Dashboard on behind the admin key.</summary>
public sealed class OperatorCluster() : LocalCluster(new Dictionary<string, string>
{
    ["Logging__Console__FormatterName"] = "json",
    ["Dashboard__Enabled"] = "true",
    ["Admin__Key"] = AdminKey,

    // Long enough that a gateway kept draining by a client that will not move is seen draining on any machine.
    ["Gateway__DrainTimeout"] = "00:01:00",
})
{
    public const string AdminKey = "operator-test-key-0123456789";
}

/// <summary>What an operator reads off a running cluster: logs, the dashboard, and probes that tell the truth.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class OperatorTests(OperatorCluster cluster) : LocalClusterTests(cluster), IClassFixture<OperatorCluster>
{
    private static readonly string[] Hosts = ["silo-1", "silo-2", "gateway-1", "gateway-2"];

    [Fact]
    public async Task A_race_is_logged_as_json_with_room_race_and_player_fields_and_no_token_in_any_log()
    {
        var (code, racers) = await Room(["Lin", "Max"]);
        await Start(code, racers);
        await Task.WhenAll(racers.Select(racer => racer.Type(Keys)));
        var results = await Results(racers[0]);

        // Every line a host writes is one JSON object, as a container's log collector wants them.
        var entries = Hosts.SelectMany(host => LocalCluster.ReadShared(Cluster.LogOf(host)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.NotEmpty(entries);

        // Each finish is logged with the room code, race id and player id as fields, and the figures the room gave.
        var raceId = entries.Select(State).Single(state => Field(state, "RoomCode") == code && state.TryGetProperty("Racers", out _)
            && Field(state, "{OriginalFormat}")!.Contains("counting down", StringComparison.Ordinal)).GetProperty("RaceId").GetString();
        Assert.Matches("^[0-9a-f]{32}$", raceId);
        foreach (var line in results)
        {
            var finish = entries.Select(State).Single(state => Field(state, "PlayerId") == line.PlayerId && Field(state, "RaceId") == raceId
                && state.TryGetProperty("Wpm", out _));
            Assert.Equal(code, Field(finish, "RoomCode"));
            Assert.Equal(line.Wpm, finish.GetProperty("Wpm").GetDouble(), 9);
            Assert.Equal(line.Accuracy, finish.GetProperty("Accuracy").GetDouble(), 9);
        }

        // The players' tokens reach no log: not the hosts', not nginx's.
        var everything = string.Concat(Hosts.Select(host => LocalCluster.ReadShared(Cluster.LogOf(host))))
            + LocalCluster.ReadShared(Path.Combine(Cluster.RunDir, "nginx", "access.log"));
        Assert.All(racers, racer => Assert.DoesNotContain(racer.Player.Token.Split('.')[^1], everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_is_served_on_the_management_port_to_the_admin_key_only()
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Cluster.MetricsPort("silo-1")}") };

        using var anonymous = await management.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(ErrorCodes.AdminKeyRequired, (await anonymous.Content.ReadFromJsonAsync<ApiError>(ClusterRacer.Json))!.Code);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters") { Headers = { Authorization = new("Bearer", OperatorCluster.AdminKey + "x") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await management.SendAsync(wrong)).StatusCode);

        // With the key, the dashboard shows both silos of the cluster as active.
        using var counters = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters") { Headers = { Authorization = new("Bearer", OperatorCluster.AdminKey) } };
        var cluster = await (await management.SendAsync(counters)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, cluster.GetProperty("totalActiveHostCount").GetInt32());
        Assert.Equal(2, cluster.GetProperty("hosts").EnumerateArray().Count(host => host.GetProperty("status").GetString() == "Active"));

        // A browser gives the key as the password it was asked for.
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + OperatorCluster.AdminKey));
        using var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) } };
        Assert.Contains("<title>Orleans Dashboard</title>", await (await management.SendAsync(page)).EnsureSuccessStatusCode().Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Never on the port players and load balancers use.
        using var players = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Cluster.HttpPort("silo-1")}") };
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) } };
        Assert.Equal(HttpStatusCode.NotFound, (await players.SendAsync(elsewhere)).StatusCode);

        // Not even when the request names the management port in its Host header.
        using var posing = new HttpRequestMessage(HttpMethod.Get, "/dashboard/") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic), Host = $"127.0.0.1:{Cluster.MetricsPort("silo-1")}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await players.SendAsync(posing)).StatusCode);
        using var metrics = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Host = $"127.0.0.1:{Cluster.MetricsPort("silo-1")}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await players.SendAsync(metrics)).StatusCode);
    }

    [Fact]
    public async Task Readiness_stays_up_but_degraded_while_redis_hangs_is_down_for_a_silo_that_cannot_join_and_for_a_draining_gateway()
    {
        // Redis hangs (stopped, its sockets still open): every host is still ready, and says it is degraded.
        var redis = Cluster.Pid("redis");
        LocalCluster.Signal(redis, "STOP");
        try
        {
            foreach (var host in new[] { "silo-1", "gateway-1" })
            {
                await Eventually.Get(() => Readiness(host), answer => answer == (HttpStatusCode.OK, "Degraded"), $"{host} to report Degraded", TimeSpan.FromSeconds(30));
            }

            // A silo started now cannot join a cluster whose membership it cannot read: its probe says not ready.
            var silo = Cluster.Pid("silo-2");
            LocalCluster.Signal(silo, "KILL");
            await Cluster.WaitForRestart("silo-2", silo);
            Assert.NotEqual(0, await LocalCluster.Probe("TypingRace.Silo", $"http://127.0.0.1:{Cluster.HttpPort("silo-2")}/readyz"));
        }
        finally
        {
            LocalCluster.Signal(redis, "CONT");
        }

        // Redis answers again: the new silo joins and every host is healthy.
        await Cluster.EveryProcessReady();
        foreach (var host in Hosts)
        {
            await Eventually.Get(() => Readiness(host), answer => answer == (HttpStatusCode.OK, "Healthy"), $"{host} to be healthy again", TimeSpan.FromSeconds(60));
        }

        // A gateway told to stop is unready for as long as it drains, which a client that will not move keeps it doing.
        var racer = await ClusterRacer.Register(Cluster.Address, "Ned");
        await using var stubborn = new HubConnectionBuilder()
            .WithUrl(new Uri($"http://127.0.0.1:{Cluster.HttpPort("gateway-2")}/hubs/race"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(racer.Player.Token);
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        await stubborn.StartAsync();
        var gateway = Cluster.Pid("gateway-2");
        LocalCluster.Signal(gateway, "TERM");
        await Eventually.Get(() => Readiness("gateway-2"), answer => answer == (HttpStatusCode.ServiceUnavailable, "Unhealthy"), "gateway-2 to be unready while it drains", TimeSpan.FromSeconds(30));

        // Once its last client goes, it stops, and comes back ready.
        await stubborn.StopAsync();
        await racer.DisposeAsync();
        await Cluster.WaitForRestart("gateway-2", gateway);
        await Cluster.EveryProcessReady();
    }

    private async Task<(HttpStatusCode, string)> Readiness(string host)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Cluster.HttpPort(host)}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync("/readyz");
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (0, exception.GetType().Name);
        }
    }

    private static JsonElement State(JsonElement entry) => entry.TryGetProperty("State", out var state) ? state : default;

    private static string? Field(JsonElement state, string name) =>
        state.ValueKind == JsonValueKind.Object && state.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A silo asked to open the dashboard without what protects it refuses to start, and says what is missing.</summary>
public sealed class DashboardSettingsTests
{
    [Theory]
    [InlineData("", "9464", "Dashboard:Enabled needs Admin:Key")]
    [InlineData("short-key", "9464", "Admin:Key must be at least 16 characters long.")]
    [InlineData("a-long-enough-admin-key", "", "Dashboard:Enabled needs Management:Port")]
    public async Task A_silo_refuses_to_start_an_unprotected_dashboard(string adminKey, string managementPort, string message)
    {
        var silo = Path.Combine(Repository.Root, "src", "TypingRace.Silo", "bin", "Release", "net10.0");
        var environment = new Dictionary<string, string>
        {
            ["Dashboard__Enabled"] = "true",
            ["Admin__Key"] = adminKey,
            ["Management__Port"] = managementPort,
            ["Urls"] = $"http://127.0.0.1:{LoopbackPorts.Free()}",
            ["Orleans__SiloPort"] = LoopbackPorts.Free().ToString(),
            ["Orleans__GatewayPort"] = LoopbackPorts.Free().ToString(),
        };
        using var process = Processes.Start("dotnet", silo, ["TypingRace.Silo.dll"], environment);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(message, await output + await error, StringComparison.Ordinal);
    }
}
