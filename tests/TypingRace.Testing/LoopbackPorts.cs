using System.Net;
using System.Net.Sockets;

namespace TypingRace.Testing;

/// <summary>Ports for the servers the tests start, so runs side by side on one machine do not collide.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port that was free a moment ago: the system picks it, and it is released at once for the caller.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
