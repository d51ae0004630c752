namespace TypingRace.Engine.Typing;

/// <summary>
/// Whether the client's own times (<see cref="Keystroke.ClientElapsedMs"/>) agree with when its keys arrived. An honest
/// client's key arrives after it was typed, by a round trip or two at most; a clock that runs ahead of the arrivals,
/// stands still, or lags far behind them was not measuring the typing. Only ever noted: every figure and every other
/// check reads the server's clock, so a client's times can neither help nor harm a result.
/// </summary>
internal sealed class ClientClockCheck
{
    private int keys;
    private int mismatched;

    public void Add(long serverElapsedMs, long clientElapsedMs, TypingRules rules)
    {
        keys++;
        var lagMs = serverElapsedMs - clientElapsedMs;
        if (lagMs < -rules.ClientClockAheadMs || lagMs > rules.ClientClockBehindMs)
        {
            mismatched++;
        }
    }

    public bool Mismatched(TypingRules rules) => keys >= rules.ClientClockMinimumKeys && mismatched >= keys * rules.ClientClockMismatchShare;
}
