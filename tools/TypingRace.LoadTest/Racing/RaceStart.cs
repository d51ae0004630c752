using TypingRace.Engine.Guides;

namespace TypingRace.LoadTest.Racing;

/// <param name="Number">The race number the server's updates carry for this race.</param>
/// <param name="StartedAt">When the racer learnt that the race runs (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
public sealed record RaceStart(int Number, Passage Passage, IStatePredictor Predictor, long StartedAt);
