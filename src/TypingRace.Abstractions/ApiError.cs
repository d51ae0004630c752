namespace TypingRace.Abstractions;

/// <summary>The body of every REST refusal, from any host.</summary>
public sealed record ApiError(string Code, string Message);
