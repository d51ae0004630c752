namespace TypingRace.Gateway.Api;

/// <summary>The body of every REST refusal.</summary>
public sealed record ApiError(string Code, string Message);
