using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Races;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Races;

internal static class BotLogs
{
    /// <summary>
    /// A bot's whole run as its room logs it: each key arriving <paramref name="lagMs"/> after the bot pressed it, and a
    /// hint after every <paramref name="hintEvery"/> keys.
    /// </summary>
    public static RacerLog Live(Passage passage, RaceClock clock, BotStyle style, int seed, int lagMs, int hintEvery)
    {
        var live = new RacerLog(passage, TypingRules.Default, clock);
        var bot = new BotTypist(passage, style, new Random(seed));
        long ms = 0, seq = 0;
        while (!bot.Done)
        {
            var key = bot.Next();
            ms += (long)key.Delay.TotalMilliseconds;
            live.Add(new LoggedKey(++seq, key.Text, ms, Race.At((int)ms + lagMs).ToUnixTimeMilliseconds()));
            if (seq % hintEvery == 0)
            {
                live.RevealHint(Race.At((int)ms + lagMs + 1).ToUnixTimeMilliseconds());
            }
        }

        return live;
    }
}
