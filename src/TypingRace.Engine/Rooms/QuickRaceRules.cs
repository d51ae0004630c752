using TypingRace.Engine.Bots;

namespace TypingRace.Engine.Rooms;

/// <param name="Size">Racers a quick race starts with at once.</param>
/// <param name="FillWait">From the second racer's arrival to a start with whoever is there.</param>
/// <param name="AloneWait">How long one racer waits alone before racing bots instead.</param>
public sealed record QuickRaceSettings(int Size, TimeSpan FillWait, TimeSpan AloneWait);

/// <param name="AverageWpm">Their recent average, for bots of their speed; null for a new player.</param>
public sealed record QueuedRacer(string PlayerId, DateTimeOffset JoinedAt, bool WantsBots, double? AverageWpm);

/// <summary>A quick race to start now: these players, oldest in the queue first (the first hosts), and bots.</summary>
public sealed record QuickRaceStart(IReadOnlyList<string> Players, int Bots, double BotWpm);

/// <summary>When the quick-race queue of one length class starts a race, and with whom (docs/protocol.md, "Quick race").</summary>
public static class QuickRaceRules
{
    /// <summary>A bot's speed for players with no recent races.</summary>
    public const double DefaultBotWpm = 60;

    /// <summary>
    /// The race due now: as soon as <see cref="QuickRaceSettings.Size"/> are waiting; or <see cref="QuickRaceSettings.FillWait"/>
    /// after the second arrived, with those there; or, for one racer alone for <see cref="QuickRaceSettings.AloneWait"/>,
    /// with bots. Empty seats get bots when someone asked for them (always for a racer alone), at the players' recent
    /// average speed. Null: wait.
    /// </summary>
    public static QuickRaceStart? Due(IReadOnlyList<QueuedRacer> queue, DateTimeOffset now, QuickRaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(settings);
        var players = queue.OrderBy(racer => racer.JoinedAt).Take(settings.Size).ToList();
        var full = players.Count == settings.Size;
        var filled = players.Count >= 2 && now - players[1].JoinedAt >= settings.FillWait;
        var alone = players.Count == 1 && now - players[0].JoinedAt >= settings.AloneWait;
        if (!(full || filled || alone))
        {
            return null;
        }

        var bots = alone || players.Any(racer => racer.WantsBots) ? settings.Size - players.Count : 0;
        var speeds = players.Select(racer => racer.AverageWpm).OfType<double>().ToList();
        var wpm = Math.Clamp(Math.Round(speeds.Count > 0 ? speeds.Average() : DefaultBotWpm), BotStyle.MinWpm, BotStyle.MaxWpm);
        return new QuickRaceStart([.. players.Select(racer => racer.PlayerId)], bots, wpm);
    }

    /// <summary>The latest the next race starts as the queue stands (arrivals only bring it forward); null when nobody waits.</summary>
    public static DateTimeOffset? StartsBy(IReadOnlyList<QueuedRacer> queue, QuickRaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(settings);
        var waiting = queue.OrderBy(racer => racer.JoinedAt).ToList();
        return waiting.Count switch
        {
            0 => null,
            1 => waiting[0].JoinedAt + settings.AloneWait,
            _ => waiting[1].JoinedAt + settings.FillWait,
        };
    }
}
