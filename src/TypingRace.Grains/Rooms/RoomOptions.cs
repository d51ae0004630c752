using System.ComponentModel.DataAnnotations;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Typing;

namespace TypingRace.Grains.Rooms;

/// <summary>The clocks and limits of a room. Tests shorten the clocks; players get the defaults.</summary>
public sealed class RoomOptions
{
    public const string Section = "Rooms";

    /// <summary>The longest coalescing window that still gets progress to opponents well within 100 ms.</summary>
    public static readonly TimeSpan MaxProgressInterval = TimeSpan.FromMilliseconds(30);

    public TimeSpan Countdown { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RaceTimeLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A racer with no keys for this long is moved to the spectators.</summary>
    public TimeSpan IdleLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A member whose connections all dropped is removed after this long, unless they come back.</summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A room with nobody connected is forgotten after this long.</summary>
    public TimeSpan EmptyRoomExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a running race pushes coalesced progress to the gateways when the silo is busy.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// The coalescing window while the silo has cores to spare (<see cref="ProgressPacer"/>): it grows from this to
    /// <see cref="ProgressInterval"/> as the silo's CPU fills up.
    /// </summary>
    public TimeSpan QuietProgressInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often a room writes itself down: new keys to the key log, then its record if it changed. A silo lost
    /// between two saves costs at most this much typing, which clients send again.
    /// </summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a room waits for its race grain to confirm a finished race before filing it again.</summary>
    public TimeSpan FileRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest save interval allowed: the protocol promises a client its keys are stored within a second.</summary>
    public static readonly TimeSpan MaxSaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>A gateway subscription lapses unless renewed within this time.</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one push to a gateway may take before that gateway is skipped until it subscribes again.</summary>
    public TimeSpan ObserverCallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 100)]
    public int MaxMembers { get; set; } = 10;

    [Range(1, 1000)]
    public int MaxKeysPerBatch { get; set; } = 50;

    [Range(1, 10_000)]
    public int MaxKeyLength { get; set; } = 200;

    /// <summary>The share of a room bot's keys that are mistakes, which it then backspaces over.</summary>
    [Range(0, BotStyle.MaxErrorRate)]
    public double BotErrorRate { get; set; } = 0.03;

    [Range(1, 64)]
    public int ErrorRunCap { get; set; } = TypingRules.Default.ErrorRunCap;

    [Range(2, 1000)]
    public int PasteThreshold { get; set; } = TypingRules.Default.PasteThreshold;

    [Range(50, 10_000)]
    public double MaxHumanWpm { get; set; } = TypingRules.Default.MaxHumanWpm;

    /// <summary>The timing checks (docs/fair-play.md, "Timing checks"); the defaults come from the corpora there.</summary>
    [Range(5, 200)]
    public int RhythmWindowKeys { get; set; } = TypingRules.Default.RhythmWindowKeys;

    [Range(2, 100)]
    public int MachineRegularMinimumWindows { get; set; } = TypingRules.Default.MachineRegularMinimumWindows;

    [Range(0, 1)]
    public double MachineRegularVariation { get; set; } = TypingRules.Default.MachineRegularVariation;

    [Range(50, 10_000)]
    public double MaxBurstWpm { get; set; } = TypingRules.Default.MaxBurstWpm;

    public TypingRules TypingRules => new(ErrorRunCap, PasteThreshold, MaxHumanWpm)
    {
        RhythmWindowKeys = RhythmWindowKeys,
        MachineRegularMinimumWindows = MachineRegularMinimumWindows,
        MachineRegularVariation = MachineRegularVariation,
        MaxBurstWpm = MaxBurstWpm,
    };

    /// <summary>Cross-field checks the attributes cannot express.</summary>
    public IEnumerable<string> Problems()
    {
        if (ProgressInterval <= TimeSpan.Zero || ProgressInterval > MaxProgressInterval)
        {
            yield return $"Rooms:ProgressInterval must be above zero and at most {MaxProgressInterval.TotalMilliseconds} ms.";
        }

        if (QuietProgressInterval <= TimeSpan.Zero || QuietProgressInterval > ProgressInterval)
        {
            yield return "Rooms:QuietProgressInterval must be above zero and at most Rooms:ProgressInterval.";
        }

        if (SaveInterval <= TimeSpan.Zero || SaveInterval > MaxSaveInterval)
        {
            yield return $"Rooms:SaveInterval must be above zero and at most {MaxSaveInterval.TotalMilliseconds} ms.";
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(Countdown), Countdown), (nameof(RaceTimeLimit), RaceTimeLimit), (nameof(IdleLimit), IdleLimit),
                     (nameof(DisconnectGrace), DisconnectGrace), (nameof(EmptyRoomExpiry), EmptyRoomExpiry),
                     (nameof(ObserverExpiry), ObserverExpiry), (nameof(ObserverCallTimeout), ObserverCallTimeout),
                     (nameof(FileRetryInterval), FileRetryInterval),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"Rooms:{name} must be above zero.";
            }
        }
    }
}
