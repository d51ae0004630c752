namespace TypingRace.Grains.Hosting;

public enum GatewayMode
{
    /// <summary>The gateway runs a silo in its own process: one `dotnet run` is the whole game.</summary>
    CoHosted,

    /// <summary>The gateway joins silos that run in other processes.</summary>
    Client,
}

/// <summary>The "Orleans" configuration section, shared by the silo host and the gateway.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    public GatewayMode Mode { get; set; } = GatewayMode.CoHosted;

    public string ClusterId { get; set; } = "typingrace";

    public string ServiceId { get; set; } = "typingrace";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// How long a client-mode gateway waits for a grain call. Short, so that calls to a silo that just died fail
    /// soon (as <c>room-unavailable</c>) and clients rejoin the room on a silo that lives, instead of hanging 30 s.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a client-mode gateway reads the silo list, so it connects to silos that joined.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The address other silos and clients reach this silo at; unset means this machine's first address. A cluster
    /// on one machine sets 127.0.0.1, a Kubernetes pod its POD_IP.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>
    /// A silo in a Kubernetes pod calls Orleans' <c>UseKubernetesHosting</c>: its name and address come from the pod
    /// (POD_NAME, POD_NAMESPACE, POD_IP), and it marks dead the silos whose pods are gone. Redis stays the
    /// membership table. The pod needs get, list, watch and patch on pods.
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>
    /// Silo gateway ports on this machine a client-mode gateway connects to when Redis is not configured;
    /// empty means the one default silo's <see cref="GatewayPort"/>. (No array default here: binding appends to it.)
    /// </summary>
    public int[] GatewayPorts { get; set; } = [];

    public IEnumerable<int> ClientGatewayPorts => GatewayPorts.Length > 0 ? GatewayPorts : [GatewayPort];

    /// <summary>"Redis:ConnectionString": when set, cluster membership and player state live in Redis.</summary>
    public static string? RedisConnectionString(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration["Redis:ConnectionString"] is { Length: > 0 } value ? value : null;
}
