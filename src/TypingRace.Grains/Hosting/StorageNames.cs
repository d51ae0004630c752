namespace TypingRace.Grains.Hosting;

/// <summary>The grain storage providers a silo registers: in memory by default, Redis in cluster mode.</summary>
public static class StorageNames
{
    public const string Players = "players";

    public const string Rooms = "rooms";

    public const string Races = "races";

    public const string Guides = "guides";

    public const string Cohorts = "cohorts";

    public const string DeviceCodes = "devicecodes";

    public const string QuickRace = "quickrace";

    public static readonly string[] All = [Players, Rooms, Races, Guides, Cohorts, DeviceCodes, QuickRace];
}
