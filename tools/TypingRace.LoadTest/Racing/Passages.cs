using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.LoadTest.Racing;

/// <summary>
/// The passages the bots type, built from the guide files the servers load (copied next to this tool), so a
/// bot types, and its predictor scores, exactly the text the room hands out.
/// </summary>
public sealed class Passages(GuideLibrary library)
{
    /// <summary>Long passages (500 code points or more): a race outlasts the measured phase at ordinary speeds.</summary>
    public const PassageLength Length = PassageLength.Long;

    // Rooms start this many paragraphs apart, so neighbouring rooms do not type the same text.
    private const int ParagraphStride = 7;

    private readonly ConcurrentDictionary<(string Guide, int Paragraph, PassageLength Length), Passage> built = new();

    public static Passages Load() => new(GuideLibrary.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "guides")));

    /// <summary>Where a room's first race starts: the rooms take the guides in turn and spread over their paragraphs.</summary>
    public (Guide Guide, int Paragraph) StartOf(int roomIndex)
    {
        var guide = library.Guides[roomIndex % library.Guides.Count];
        return (guide, roomIndex / library.Guides.Count * ParagraphStride % guide.Paragraphs.Count);
    }

    public Passage Get(Guide guide, int paragraph, PassageLength length = Length) =>
        built.GetOrAdd((guide.Id, paragraph, length), key => PassageBuilder.Build(guide, key.Paragraph, key.Length));

    /// <summary>The passage after this one, from the start again at the end of the guide, as a room's "next passage" does.</summary>
    public Passage After(Passage passage)
    {
        var guide = library.Guides.First(candidate => candidate.Id == passage.GuideId);
        return Get(guide, passage.FollowingParagraphIndex(guide), passage.Length);
    }

    /// <summary>The passage a room races, built here; false when this tool's guides do not give the room's text.</summary>
    public bool TryMatch(RoomView view, [NotNullWhen(true)] out Passage? passage)
    {
        passage = library.TryGet(view.Guide.Id, out var guide) && view.Passage.FirstParagraphIndex < guide.Paragraphs.Count
            ? Get(guide, view.Passage.FirstParagraphIndex, view.Passage.Length)
            : null;
        return passage is not null && passage.Text == view.Passage.Text;
    }
}
