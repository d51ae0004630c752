using Microsoft.Extensions.Logging;
using TypingRace.Grains.Results;

namespace TypingRace.Bench.Leaderboards;

/// <summary>The recorder's logger in the bench: keeps the first failure it reports, why a write went to the retry queue.</summary>
internal sealed class FirstError : ILogger<ResultRecorder>
{
    private string? message;

    public string? Message => Volatile.Read(ref message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Interlocked.CompareExchange(ref message, exception?.Message ?? formatter(state, exception), null);
        }
    }
}
