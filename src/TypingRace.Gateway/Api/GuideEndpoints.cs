using TypingRace.Abstractions;
using TypingRace.Engine.Guides;
using TypingRace.Grains.Guides;

namespace TypingRace.Gateway.Api;

public static class GuideEndpoints
{
    public sealed record GuideSummary(string Id, string Title, int ParagraphCount, int CharacterCount);

    public sealed record ParagraphDto(int Index, string Id, ParagraphKind Kind, string Section, string Text, int Length);

    public sealed record GuideDetail(string Id, string Title, int ParagraphCount, int CharacterCount, ParagraphDto[] Paragraphs);

    public static IEndpointRouteBuilder MapGuideEndpoints(this IEndpointRouteBuilder app)
    {
        var guides = app.MapGroup("/api/guides");
        guides.MapGet("/", (GuideCatalog catalog) =>
            catalog.Guides.Select(guide => new GuideSummary(guide.Id, guide.Title, guide.Paragraphs.Count, guide.TotalCharacters)));
        guides.MapGet("/{id}", (string id, GuideCatalog catalog) =>
            catalog.TryGet(id, out var guide)
                ? Results.Ok(new GuideDetail(
                    guide.Id,
                    guide.Title,
                    guide.Paragraphs.Count,
                    guide.TotalCharacters,
                    guide.Paragraphs.Select(p => new ParagraphDto(p.Index, p.Id, p.Kind, p.Section, p.Text, p.Length)).ToArray()))
                : ApiResults.NotFound(ErrorCodes.GuideNotFound, $"There is no guide '{id}'."));
        return app;
    }
}
