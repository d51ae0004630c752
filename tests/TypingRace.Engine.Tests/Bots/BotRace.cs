using System.Text;
using TypingRace.Engine.Bots;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Tests.Typing;
using TypingRace.Engine.Typing;

namespace TypingRace.Engine.Tests.Bots;

/// <summary>One key of a bot's race and what the session made of it; <see cref="AtMs"/> is its time since the start.</summary>
internal sealed record TypedKey(BotKey Key, long AtMs, KeystrokeOutcome Outcome);

/// <summary>A bot's keys fed to a real session, the server clock moving on by each key's delay.</summary>
internal sealed record BotRace(Passage Passage, BotTypist Bot, TypingSession Session, IReadOnlyList<TypedKey> Keys)
{
    public static BotRace Run(Passage passage, BotStyle style, int seed)
    {
        var bot = new BotTypist(passage, style, new Random(seed));
        var session = new TypingSession(passage, TypingRules.Default, Race.Start);
        var keys = new List<TypedKey>();
        var elapsed = TimeSpan.Zero;
        // Far more keys than any honest run needs: a bot that never finishes fails the test instead of hanging it.
        while (!bot.Done && keys.Count < passage.CharacterCount * 10)
        {
            var key = bot.Next();
            elapsed += key.Delay;
            var atMs = (long)elapsed.TotalMilliseconds;
            keys.Add(new TypedKey(key, atMs, session.Apply(new Keystroke(key.Text, atMs), Race.Start + elapsed)));
        }

        return new BotRace(passage, bot, session, keys);
    }

    /// <summary>Characters a racer types: the passage less its auto-filled indentation.</summary>
    public int TypedCharacters => Passage.CharacterCount - Passage.AutoFilledBefore(Passage.CharacterCount);

    public double ErrorRate => 1 - Session.Accuracy;
}

/// <summary>Passages cut from the guides the game ships, parsed and built the way hosts do it.</summary>
internal static class ShippedGuides
{
    public static Guide Go { get; } = Load("go-concurrency");

    public static Guide Git { get; } = Load("git-teamwork");

    /// <summary>
    /// Consecutive paragraphs from <paramref name="first"/> until <paramref name="minimumCharacters"/>, beyond the
    /// long class's 500. They are joined as <see cref="PassageBuilder"/> joins them and built as one paragraph.
    /// </summary>
    public static Passage Passage(Guide guide, int first, int minimumCharacters, Func<Paragraph, bool>? include = null)
    {
        var text = new StringBuilder();
        ParagraphKind? previous = null;
        foreach (var paragraph in guide.Paragraphs.Skip(first).Where(include ?? (_ => true)))
        {
            if (previous is { } kind)
            {
                text.Append(kind == ParagraphKind.Code || paragraph.Kind == ParagraphKind.Code ? '\n' : ' ');
            }

            text.Append(paragraph.Text);
            previous = paragraph.Kind;
            if (TypeableText.CodePointCount(text.ToString()) >= minimumCharacters)
            {
                break;
            }
        }

        var whole = new Paragraph($"{guide.Id}:bots", 0, previous ?? ParagraphKind.Prose, "", text.ToString());
        return PassageBuilder.Build(guide with { Paragraphs = [whole] }, 0, PassageLength.Long);
    }

    private static Guide Load(string id)
    {
        // The test runs from bin/<configuration>/<framework>; the guides are in the repository's content folder.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "content", "guides", $"{id}.md");
            if (File.Exists(path))
            {
                return GuideParser.Parse(id, File.ReadAllText(path));
            }
        }

        throw new FileNotFoundException($"No content/guides/{id}.md above {AppContext.BaseDirectory}.");
    }
}
