using System.Runtime.InteropServices;

namespace TypingRace.Gateway.Draining;

/// <summary>
/// The host's lifetime in place of the console one: SIGTERM or Ctrl-C first drains the gateway, then stops the
/// host, so clients are told to move while their connections still work. A second signal ends the process at once.
/// </summary>
public sealed partial class DrainingLifetime(IHostApplicationLifetime lifetime, GatewayDrain drain, ILogger<DrainingLifetime> logger)
    : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _draining = Task.CompletedTask;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for a drain under way, so the host stops only after it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _draining.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        lock (_signals)
        {
            // A second signal while draining (a second Ctrl-C) is not held back: the process ends now.
            if (!_draining.IsCompleted || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            // The first: the host stops when the drain is done, not now.
            context.Cancel = true;
            LogSignal(logger, context.Signal);
            _draining = DrainThenStop();
        }
    }

    private async Task DrainThenStop()
    {
        try
        {
            await drain.Drain(_stopping.Token);
        }
        catch (Exception exception)
        {
            LogDrainFailed(logger, exception);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Signal} received: draining before the gateway stops.")]
    private static partial void LogSignal(ILogger logger, PosixSignal signal);

    [LoggerMessage(Level = LogLevel.Error, Message = "The drain failed; the gateway stops now.")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
