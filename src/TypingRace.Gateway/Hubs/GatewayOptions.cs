using System.ComponentModel.DataAnnotations;

namespace TypingRace.Gateway.Hubs;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>
    /// The largest hub message read; a bigger one closes the connection (SignalR's rule). It holds every batch within
    /// the key limits even with every character escaped in JSON (50 keys of 200 characters, about 120 KB at worst), so
    /// a batch that breaks a key limit but not this one is refused with its code and the connection stays open.
    /// </summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Sustained key batches per connection; the fastest humans need far fewer than 20.</summary>
    [Range(1, 10_000)]
    public double KeyBatchesPerSecond { get; set; } = 40;

    [Range(1, 10_000)]
    public int KeyBatchBurst { get; set; } = 80;

    /// <summary>
    /// Sustained room actions (every hub call but key batches) per connection. Each can send a room view to every
    /// member, so a flood of them would reach everyone in the room; people make a few a minute.
    /// </summary>
    [Range(0.01, 10_000)]
    public double RoomActionsPerSecond { get; set; } = 5;

    [Range(1, 10_000)]
    public int RoomActionBurst { get; set; } = 20;

    /// <summary>
    /// Whether SIGTERM and Ctrl-C drain the gateway before it stops. Hosts that embed a gateway (the tests) turn it
    /// off, so the signals stay theirs.
    /// </summary>
    public bool DrainOnSignal { get; set; } = true;

    /// <summary>
    /// On SIGTERM, how long the gateway waits for its clients to move to another gateway before it stops. Keep it
    /// under the host's shutdown timeout (30 s) and the pod's termination grace period.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clients told to move reconnect after a random pause of up to this, so they do not all arrive at once.</summary>
    public TimeSpan DrainReconnectJitter { get; set; } = TimeSpan.FromSeconds(2);
}
