using TypingRace.Abstractions;

namespace TypingRace.Gateway.Api;

/// <summary>REST refusals in the one shape docs/protocol.md promises.</summary>
public static class ApiResults
{
    public static IResult BadRequest(string code, string message) => Results.BadRequest(new ApiError(code, message));

    public static IResult BadRequest(RaceError error) => error.Code switch
    {
        ErrorCodes.RoomNotFound or ErrorCodes.GuideNotFound => Results.NotFound(new ApiError(error.Code, error.Message)),
        _ => BadRequest(error.Code, error.Message),
    };

    public static IResult NotFound(string code, string message) => Results.NotFound(new ApiError(code, message));

    public static IResult Unauthorized() =>
        Results.Json(new ApiError(ErrorCodes.Unauthorized, "The player token is not valid."), statusCode: StatusCodes.Status401Unauthorized);
}
