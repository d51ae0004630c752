namespace TypingRace.Abstractions;

/// <summary>A refusal the client can act on: a stable machine code and a sentence for people.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.RaceError")]
public sealed record RaceError([property: Id(0)] string Code, [property: Id(1)] string Message)
{
    private const string HubMarker = "HubException: ";

    /// <summary>How the hub sends a refusal: "code: message".</summary>
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>
    /// The code in a refusal as a SignalR client receives it: SignalR puts its own sentence first, then
    /// "HubException: " and <see cref="ToString"/>'s text. Null when the text carries no code.
    /// </summary>
    public static string? CodeInHubMessage(string message)
    {
        var start = message.IndexOf(HubMarker, StringComparison.Ordinal);
        var rest = start < 0 ? message : message[(start + HubMarker.Length)..];
        var end = rest.IndexOf(':', StringComparison.Ordinal);
        return end > 0 ? rest[..end] : null;
    }
}

/// <summary>The error codes of docs/protocol.md, in one place so the gateway and grains agree.</summary>
public static class ErrorCodes
{
    public const string InvalidName = "invalid-name";
    public const string Unauthorized = "unauthorized";
    public const string BadRoomCode = "bad-room-code";
    public const string RoomNotFound = "room-not-found";
    public const string RoomExists = "room-exists";
    public const string RoomFull = "room-full";
    public const string NotInRoom = "not-in-room";
    public const string NotRacing = "not-racing";
    public const string NotHost = "not-host";
    public const string RaceInProgress = "race-in-progress";
    public const string RaceNotStarted = "race-not-started";
    public const string RaceOver = "race-over";
    public const string RaceNotFound = "race-not-found";
    public const string ReplayPending = "replay-pending";
    public const string ReplayUnavailable = "replay-unavailable";
    public const string DuplicateBatch = "duplicate-batch";
    public const string OutOfOrder = "out-of-order";
    public const string BatchTooLarge = "batch-too-large";
    public const string MalformedKeys = "malformed-keys";
    public const string RateLimited = "rate-limited";
    public const string GuideNotFound = "guide-not-found";
    public const string GuideExists = "guide-exists";
    public const string BadFormat = "bad-format";
    public const string BadTitle = "bad-title";
    public const string GuideTooLarge = "guide-too-large";
    public const string GuideEmpty = "guide-empty";
    public const string BadEdit = "bad-edit";
    public const string TooManyGuides = "too-many-guides";
    public const string CohortNotFound = "cohort-not-found";
    public const string CohortExists = "cohort-exists";
    public const string InstructorKeyRequired = "instructor-key-required";
    public const string NotAMember = "not-a-member";
    public const string BadName = "bad-name";
    public const string BadRound = "bad-round";
    public const string RoundRunning = "round-running";
    public const string NobodyOnline = "nobody-online";
    public const string CohortFull = "cohort-full";
    public const string CompetitionNotFound = "competition-not-found";
    public const string CompetitionEnded = "competition-ended";
    public const string NoMarathon = "no-marathon";
    public const string MarathonStarted = "marathon-started";
    public const string MarathonDone = "marathon-done";
    public const string BadDeviceCode = "bad-device-code";
    public const string ParagraphOutOfRange = "paragraph-out-of-range";
    public const string BadLength = "bad-length";
    public const string MemberNotFound = "member-not-found";
    public const string CannotKickSelf = "cannot-kick-self";
    public const string BadRequest = "bad-request";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string BodyTooLarge = "body-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string HeadersTooLarge = "headers-too-large";
    public const string BadArguments = "bad-arguments";
    public const string UnknownMethod = "unknown-method";
    public const string Unavailable = "unavailable";
    public const string TooManyConnections = "too-many-connections";
    public const string OriginNotAllowed = "origin-not-allowed";
    public const string InternalError = "internal-error";
    public const string BadScope = "bad-scope";
    public const string BadPeriod = "bad-period";
    public const string BadRanking = "bad-ranking";
    public const string BadTop = "bad-top";
    public const string PlayerNotFound = "player-not-found";
    public const string BadBot = "bad-bot";
    public const string GhostWrongPassage = "ghost-wrong-passage";
    public const string NoRunYet = "no-run-yet";
    public const string BadGhostRace = "bad-ghost-race";
    public const string RoomUnavailable = "room-unavailable";
    public const string AdminKeyRequired = "admin-key-required";
}

/// <summary>The answer to a grain command: a value, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.Reply`1")]
public sealed record Reply<T>([property: Id(0)] T? Value, [property: Id(1)] RaceError? Error)
{
    public bool IsOk => Error is null;

    public static Reply<T> Ok(T value) => new(value, null);

    public static Reply<T> Fail(string code, string message) => new(default, new RaceError(code, message));
}

/// <summary>A command that returns nothing but may be refused.</summary>
[GenerateSerializer, Immutable, Alias("TypingRace.Outcome")]
public sealed record Outcome([property: Id(0)] RaceError? Error)
{
    public static Outcome Ok { get; } = new((RaceError?)null);

    public bool IsOk => Error is null;

    public static Outcome Fail(string code, string message) => new(new RaceError(code, message));
}
