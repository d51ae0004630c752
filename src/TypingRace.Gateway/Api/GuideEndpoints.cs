using System.Security.Claims;
using Microsoft.Extensions.Options;
using TypingRace.Abstractions;
using TypingRace.Gateway.Limits;
using TypingRace.Engine.Guides;
using TypingRace.Grains.Guides;

namespace TypingRace.Gateway.Api;

public static class GuideEndpoints
{
    /// <param name="Imported">A player imported it: its results rank only on its own boards.</param>
    public sealed record GuideSummary(string Id, string Title, int ParagraphCount, int CharacterCount, bool Imported);

    public sealed record ParagraphDto(int Index, string Id, ParagraphKind Kind, string Section, string Text, int Length);

    public sealed record GuideDetail(string Id, string Title, int ParagraphCount, int CharacterCount, bool Imported, ParagraphDto[] Paragraphs);

    internal static readonly GuideImportRequest NoRequest = new(null, null, null);

    public static IEndpointRouteBuilder MapGuideEndpoints(this IEndpointRouteBuilder app)
    {
        var guides = app.MapGroup("/api/guides");
        guides.MapGet("/", List);
        guides.MapGet("/{id}", Get);
        guides.MapPost("/preview", Preview).RequireAuthorization().RequireRateLimiting(RateLimits.Imports);
        guides.MapPost("/", Import).RequireAuthorization().RequireRateLimiting(RateLimits.Imports);
        return app;
    }

    /// <summary>The guides we ship, then, for a player who sends their token, the guides they imported.</summary>
    private static async Task<GuideSummary[]> List(ClaimsPrincipal user, GuideCatalog catalog, IGrainFactory grains)
    {
        var mine = new List<Guide>();
        if (user.Identity?.IsAuthenticated == true)
        {
            foreach (var id in await grains.GetGrain<IPlayerGrain>(user.PlayerId()).GetImportedGuides())
            {
                if (await catalog.Find(id) is { } guide)
                {
                    mine.Add(guide);
                }
            }
        }

        return [.. catalog.Shipped.Concat(mine).Select(Summary)];
    }

    private static async Task<IResult> Get(string id, GuideCatalog catalog) =>
        await catalog.Find(id) is { } guide
            ? Results.Ok(Detail(guide))
            : ApiResults.NotFound(ErrorCodes.GuideNotFound, $"There is no guide '{id}'.");

    /// <summary>What the import would save, for the player to review; nothing is saved.</summary>
    internal static IResult Preview(GuideImportRequest? request, IOptions<GuideOptions> options) =>
        GuideImports.Prepare(request ?? NoRequest, options.Value) switch
        {
            { Value: { } guide } => Results.Ok(Detail(guide)),
            var refused => Refused(refused.Error!),
        };

    private static async Task<IResult> Import(
        GuideImportRequest? request, ClaimsPrincipal user, IOptions<GuideOptions> options, IGrainFactory grains, GuideCatalog catalog, TimeProvider clock)
    {
        var prepared = GuideImports.Prepare(request ?? NoRequest, options.Value);
        if (prepared.Error is { } refused)
        {
            return Refused(refused);
        }

        var saved = await grains.GetGrain<IPlayerGrain>(user.PlayerId())
            .ImportGuide(GuideImports.ToImported(prepared.Value!, user.PlayerId(), clock.GetUtcNow()));
        if (saved.Error is { } error)
        {
            return error.Code == ErrorCodes.Unauthorized ? ApiResults.Unauthorized() : Refused(error);
        }

        var guide = await catalog.Find(saved.Value!) ?? throw new InvalidOperationException($"The guide '{saved.Value}' was saved but cannot be read.");
        return Results.Created($"/api/guides/{guide.Id}", Detail(guide));
    }

    internal static IResult Refused(RaceError error) => error.Code switch
    {
        ErrorCodes.GuideTooLarge => Results.Json(new ApiError(error.Code, error.Message), statusCode: StatusCodes.Status413PayloadTooLarge),
        ErrorCodes.TooManyGuides => Results.Json(new ApiError(error.Code, error.Message), statusCode: StatusCodes.Status409Conflict),
        _ => ApiResults.BadRequest(error),
    };

    private static GuideSummary Summary(Guide guide) =>
        new(guide.Id, guide.Title, guide.Paragraphs.Count, guide.TotalCharacters, GuideIds.IsImported(guide.Id));

    internal static GuideDetail Detail(Guide guide) => new(
        guide.Id,
        guide.Title,
        guide.Paragraphs.Count,
        guide.TotalCharacters,
        GuideIds.IsImported(guide.Id),
        [.. guide.Paragraphs.Select(p => new ParagraphDto(p.Index, p.Id, p.Kind, p.Section, p.Text, p.Length))]);
}
