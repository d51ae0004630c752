using System.Text;
using TypingRace.Abstractions;
using TypingRace.Engine.Guides;

namespace TypingRace.Testing;

/// <summary>Builds the keys a person would press to type a passage, with mistakes where a test wants them.</summary>
public static class TypingScript
{
    /// <summary>Every key needed from <paramref name="from"/> to <paramref name="to"/>, skipping auto-filled indentation.</summary>
    public static IEnumerable<string> Correct(Passage passage, int from = 0, int? to = null)
    {
        for (var index = from; index < (to ?? passage.CharacterCount); index++)
        {
            if (!passage.IsAutoFilled(index))
            {
                yield return new Rune(passage.CodePointAt(index)).ToString();
            }
        }
    }

    /// <summary>How many keys <see cref="Correct"/> yields: the characters a racer really types.</summary>
    public static int TypedCharacters(Passage passage) => Correct(passage).Count();

    /// <summary>Splits keys into protocol batches numbered from <paramref name="firstSeq"/>.</summary>
    public static IEnumerable<KeyBatch> Batches(IEnumerable<string> keys, long firstSeq = 1, int size = 20)
    {
        var seq = firstSeq;
        foreach (var chunk in keys.Chunk(size))
        {
            yield return new KeyBatch(seq++, chunk.Select((key, i) => new KeyPress(key, i)).ToArray());
        }
    }
}
