using System.Net;

namespace TypingRace.Gateway.Edge;

/// <summary>"Edge": who may open the hub from a browser, and whose forwarded client address is believed.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>
    /// Pages on other origins (such as "https://typing.example.org") allowed to open the hub; the gateway's own
    /// origin always is. Empty by default: a page elsewhere cannot race as the player whose token it holds.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Proxies (addresses, or networks as "10.0.0.0/8") whose X-Forwarded-For and X-Forwarded-Proto are believed.
    /// Unset means loopback only, for nginx on the same machine; behind an ingress, name its pods' network.
    /// </summary>
    public string[]? TrustedProxies { get; set; }

    /// <summary>Proxies in a row in front of the gateways (nginx: 1; a CDN in front of an ingress: 2).</summary>
    public int ForwardLimit { get; set; } = 1;

    public static readonly string[] LoopbackOnly = ["127.0.0.1/32", "::1/128"];

    public IEnumerable<IPNetwork> TrustedNetworks() => (TrustedProxies ?? LoopbackOnly).Select(ParseNetwork);

    public IEnumerable<Uri> Origins() => AllowedOrigins.Select(origin => new Uri(origin, UriKind.Absolute));

    public static IPNetwork ParseNetwork(string value) =>
        TryParseNetwork(value, out var network) ? network : throw new FormatException($"'{value}' is neither an address nor a network.");

    /// <summary>A bare address is a network of one.</summary>
    public static bool TryParseNetwork(string value, out IPNetwork network)
    {
        if (IPNetwork.TryParse(value, out network))
        {
            return true;
        }

        var isAddress = IPAddress.TryParse(value, out var address);
        network = isAddress ? new IPNetwork(address!, address!.GetAddressBytes().Length * 8) : default;
        return isAddress;
    }

    public bool Valid() =>
        ForwardLimit is >= 1 and <= 10
        && (TrustedProxies ?? LoopbackOnly).All(value => TryParseNetwork(value, out _))
        && AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.AbsolutePath == "/" && uri.Query.Length == 0);
}
