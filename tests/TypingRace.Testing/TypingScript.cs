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

    /// <summary>
    /// The keys as a person types them, eight at a time: each chunk at its own tempo (from 0.6 to 1.5 times
    /// <paramref name="msPerKey"/> a key), so the server sees a hand's changing speed rather than a script's steady
    /// one; <see cref="HumanChunk.Wait"/> is the time the chunk took. The keys carry the uneven times a client reports.
    /// </summary>
    public static IEnumerable<HumanChunk> Humanly(IEnumerable<string> keys, int msPerKey, int seed)
    {
        var random = new Random(seed);
        var elapsed = 0L;
        foreach (var chunk in keys.Chunk(8))
        {
            var tempo = 0.6 + 0.9 * random.NextDouble();
            var presses = chunk.Select(key => new KeyPress(key, elapsed += (long)(msPerKey * tempo * (0.5 + random.NextDouble())))).ToArray();
            yield return new HumanChunk(presses, TimeSpan.FromMilliseconds(chunk.Length * msPerKey * tempo));
        }
    }

    /// <summary>
    /// Types the keys as a person at a keyboard would, on the real clock: each chunk of <see cref="Humanly"/> goes to
    /// <paramref name="send"/> when it is due, so one late chunk on a loaded machine does not make every later one
    /// late, and its keys carry the times they were typed as a browser stamps them (since this call began, uneven
    /// within the chunk). A client clock that is summed apart from the real one drifts from the arrivals on a busy
    /// machine and reads as a client-clock mismatch.
    /// </summary>
    public static async Task PlayHumanly(IEnumerable<string> keys, int msPerKey, int seed, Func<KeyPress[], Task> send)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var typing = TimeSpan.Zero;
        var stamped = 0L;
        foreach (var chunk in Humanly(keys, msPerKey, seed))
        {
            typing += chunk.Wait;
            if (typing - clock.Elapsed is { Ticks: > 0 } due)
            {
                await Task.Delay(due);
            }

            var now = clock.ElapsedMilliseconds;
            var last = chunk.Keys[^1].T;
            var presses = chunk.Keys.Select(key => key with { T = stamped = Math.Max(stamped, now - (last - key.T)) }).ToArray();
            await send(presses);
        }
    }

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

/// <summary>Keys a person typed in one go, and how long that took.</summary>
public sealed record HumanChunk(KeyPress[] Keys, TimeSpan Wait);
