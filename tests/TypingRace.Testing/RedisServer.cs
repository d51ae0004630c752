using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypingRace.Testing;

/// <summary>
/// A real, throwaway <c>redis-server</c> on a free loopback port. It can be stopped and started again on the same
/// port, so tests can take Redis away mid-run and bring it back; like a production Redis with an append-only file,
/// it keeps its data across that restart (in a temporary folder deleted on dispose).
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock gate = new();
    private readonly StringBuilder output = new();
    private readonly DirectoryInfo dataDirectory = Directory.CreateTempSubdirectory("typingrace-redis-");
    private Process? process;

    private readonly bool durable;

    /// <param name="durable">
    /// Tests that stop and start the server want their data back, so every write goes to an append-only file; a
    /// benchmark of the write path wants no fsync in the way.
    /// </param>
    public RedisServer(bool durable = true)
    {
        this.durable = durable;
        Port = LoopbackPorts.Free();
        Start();
    }

    public int Port { get; }

    /// <summary>For StackExchange.Redis; admin commands allowed so tests may FLUSHDB.</summary>
    public string ConnectionString => $"{Endpoint},allowAdmin=true";

    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => process is { HasExited: false };

    public void Start()
    {
        lock (gate)
        {
            if (IsRunning)
            {
                return;
            }

            var start = new ProcessStartInfo("redis-server")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", dataDirectory.FullName,
                         "--save", "", "--appendonly", durable ? "yes" : "no", "--appendfsync", "always",
                     })
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            }
            catch (Win32Exception e)
            {
                // Never skip: a missing server would silently turn the Redis half of the contract tests off.
                throw new InvalidOperationException(
                    "redis-server is not installed; the Redis tests need it: sudo apt-get install redis-server", e);
            }

            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            WaitForPong(process);
        }
    }

    public void Stop()
    {
        lock (gate)
        {
            if (process is null)
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
            process = null;
        }
    }

    public void Dispose()
    {
        Stop();
        dataDirectory.Delete(recursive: true);
    }

    private void WaitForPong(Process started)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!Pong())
        {
            if (started.HasExited || DateTime.UtcNow > deadline)
            {
                var why = started.HasExited ? $"exited with {started.ExitCode}" : "did not answer PING in time";
                Stop();
                throw new InvalidOperationException($"redis-server on port {Port} {why}. Its output:\n{Output()}");
            }

            Thread.Sleep(20);
        }
    }

    private bool Pong()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
