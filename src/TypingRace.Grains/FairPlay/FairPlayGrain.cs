using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TypingRace.Abstractions;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Rooms;

namespace TypingRace.Grains.FairPlay;

/// <summary>Answers from the silo's own room settings, on whichever silo takes the call: it keeps no state.</summary>
[StatelessWorker]
public sealed class FairPlayGrain(IOptions<RoomOptions> options) : Grain, IFairPlayGrain
{
    public Task<FlagRule[]> Rules() =>
        Task.FromResult<FlagRule[]>([.. FairPlayExplanations.For(options.Value.TypingRules).Select(rule => new FlagRule(rule.Flag, rule.Label, rule.Explanation))]);
}
