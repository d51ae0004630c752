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

    /// <summary>Every random code tried was taken: as unlikely as it is, the caller can simply try again.</summary>
    public static IResult NoFreeCode(string code, string what) =>
        Results.Json(new ApiError(code, $"No free {what} was found; try again."), statusCode: StatusCodes.Status503ServiceUnavailable);

    public static IResult Unauthorized() =>
        Results.Json(new ApiError(ErrorCodes.Unauthorized, "The player token is not valid."), statusCode: StatusCodes.Status401Unauthorized);
}
