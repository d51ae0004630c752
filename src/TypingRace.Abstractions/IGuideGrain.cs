using TypingRace.Engine.Guides;

namespace TypingRace.Abstractions;

/// <summary>
/// A guide a player imported, under its id (<see cref="GuideIds.NewImported"/>). Saved once and never changed, so
/// every host may keep it once read.
/// </summary>
[Alias("TypingRace.IGuideGrain")]
public interface IGuideGrain : IGrainWithStringKey
{
    /// <summary>Refused when this id already holds a guide.</summary>
    [Alias("Save")]
    Task<Outcome> Save(ImportedGuide guide);

    [Alias("Get")]
    Task<ImportedGuide?> Get();
}

/// <summary>
/// An imported guide as it was reviewed and saved: its paragraphs themselves rather than the text they came from,
/// so a later version's parser never renumbers the paragraphs rooms and boards refer to.
/// </summary>
[GenerateSerializer, Immutable, Alias("TypingRace.ImportedGuide")]
public sealed record ImportedGuide(
    [property: Id(0)] string Title,
    [property: Id(1)] GuideParagraph[] Paragraphs,
    [property: Id(2)] string OwnerId,
    [property: Id(3)] DateTimeOffset SavedAt);

[GenerateSerializer, Immutable, Alias("TypingRace.GuideParagraph")]
public sealed record GuideParagraph(
    [property: Id(0)] ParagraphKind Kind,
    [property: Id(1)] string Section,
    [property: Id(2)] string Text);
