using System.Net;
using System.Net.Sockets;

namespace TypingRace.Testing;

/// <summary>Ports for the servers the tests start, so runs side by side on one machine do not collide.</summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    /// <summary>
    /// A loopback port that was free a moment ago, picked at random below the kernel's ephemeral range, the rule of
    /// tools/ports/free-port.py: a port the kernel picks is an ephemeral one, which any outgoing connection may take
    /// before the server binds it, and a CI run lost a silo to that.
    /// </summary>
    public static int Free()
    {
        var ephemeralLow = EphemeralLow();
        for (var attempt = 0; attempt < 200 && ephemeralLow > Lowest + 1; attempt++)
        {
            if (TryListen(Random.Shared.Next(Lowest, ephemeralLow)) is { } port)
            {
                return port;
            }
        }

        return TryListen(0) ?? throw new InvalidOperationException("No free loopback port.");
    }

    private static int? TryListen(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static int EphemeralLow()
    {
        try
        {
            return int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
