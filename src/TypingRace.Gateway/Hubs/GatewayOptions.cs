using System.ComponentModel.DataAnnotations;

namespace TypingRace.Gateway.Hubs;

public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Sustained key batches per connection; the fastest humans need far fewer than 20.</summary>
    [Range(1, 10_000)]
    public double KeyBatchesPerSecond { get; set; } = 40;

    [Range(1, 10_000)]
    public int KeyBatchBurst { get; set; } = 80;
}
