using TypingRace.Bench.Faults;

return await FaultTrials.Run(args);
