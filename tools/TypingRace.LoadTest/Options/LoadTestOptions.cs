using TypingRace.LoadTest.Racing.Links;

namespace TypingRace.LoadTest.Options;

/// <summary>Which server the racers talk to: both expose the hub shape of docs/protocol.md on /hubs/race.</summary>
public enum ServerKind
{
    /// <summary>The TypingRace gateway: REST registration, rooms in Orleans, scored and coalesced progress.</summary>
    TypingRace,

    /// <summary>bench/TypingRace.Bench.BareRelay: every key batch relayed to the room at once, nothing else.</summary>
    Bare,

    /// <summary>The TypingRace gateway running one cohort round: every racer a student, the heats its rooms, all started together.</summary>
    Cohort,
}

public enum WireProtocol
{
    Json,
    MessagePack,
}

/// <summary>One load run.</summary>
/// <param name="Url">The server's base address; always a loopback address.</param>
/// <param name="Warmup">Racing before the measured phase, so connections, JIT and caches settle.</param>
/// <param name="Duration">The measured (steady) phase.</param>
/// <param name="SetupTimeout">The longest registering, connecting and joining may take before the racing starts.</param>
/// <param name="Link">The client racers connect with; MessagePack always takes the official one.</param>
/// <param name="ServerPids">The server's processes (a silo and a gateway when they run apart), for their CPU and memory; none when the server runs elsewhere.</param>
public sealed record LoadTestOptions(
    Uri Url,
    ServerKind Server,
    int Racers,
    int RoomSize,
    WpmDistribution Wpm,
    double ErrorRate,
    TimeSpan Warmup,
    TimeSpan Duration,
    TimeSpan SetupTimeout,
    WireProtocol Protocol,
    LinkKind Link,
    int[] ServerPids,
    string OutputPath,
    int Seed)
{
    /// <summary>After the measured phase, the time keys typed in it still have to reach the opponents.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The time closing every connection may take.</summary>
    public static readonly TimeSpan TeardownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The run stops by itself after this long, whatever the server does.</summary>
    public TimeSpan Deadline => SetupTimeout + Warmup + Duration + DrainTimeout + TeardownTimeout;

    public int RoomCount => (Racers + RoomSize - 1) / RoomSize;

    /// <summary>Rooms of <see cref="RoomSize"/>; the last one takes what is left.</summary>
    public int SeatsIn(int room) => Math.Min(RoomSize, Racers - room * RoomSize);
}
