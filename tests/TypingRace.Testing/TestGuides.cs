using TypingRace.Engine.Guides;

namespace TypingRace.Testing;

/// <summary>The small guide the tests race on, loaded the way hosts load the real ones.</summary>
public static class TestGuides
{
    public const string MiniId = "mini";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "test-guides");

    public static Guide Mini { get; } = GuideLibrary.LoadDirectory(Directory).Guides.Single(g => g.Id == MiniId);

    public static Passage Passage(int paragraphIndex, PassageLength length) => PassageBuilder.Build(Mini, paragraphIndex, length);
}
