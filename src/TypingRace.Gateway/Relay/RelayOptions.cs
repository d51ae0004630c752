namespace TypingRace.Gateway.Relay;

public sealed class RelayOptions
{
    public const string Section = "Relay";

    /// <summary>How often this gateway renews its room subscriptions; keep it well under Rooms:ObserverExpiry.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one subscribe or renew call may take.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
