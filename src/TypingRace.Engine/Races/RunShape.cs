namespace TypingRace.Engine.Races;

/// <summary>
/// A run's shape through its passage (docs/fair-play.md, "Replayed runs"): the share of its time each stretch of
/// <see cref="SegmentLength"/> code points took, and where its slips began.
/// </summary>
/// <param name="Shares">From the moment the cursor first passed <see cref="SegmentLength"/> code points (the start and
/// its reaction left out) to the last whole segment.</param>
/// <param name="Slips">Positions where an error run began, in order.</param>
public sealed record RunShape(float[] Shares, int[] Slips)
{
    public const int SegmentLength = 10;

    /// <summary>The share of slip places two runs must have in common to be one run: people's most was half.</summary>
    public const double SlipsInCommon = 0.6;

    public static RunShape Of(IReadOnlyList<ReplayStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var reached = new List<int>();
        var slips = new List<int>();
        var next = SegmentLength;
        var errors = 0;
        foreach (var step in steps)
        {
            while (step.Position >= next)
            {
                reached.Add(step.AtMs);
                next += SegmentLength;
            }

            if (errors == 0 && step.ErrorRunLength > 0)
            {
                slips.Add(step.Position);
            }

            errors = step.ErrorRunLength;
        }

        var durations = reached.Zip(reached.Skip(1), (from, to) => (double)(to - from)).ToList();
        var total = durations.Sum();
        return new RunShape(durations.Count < 2 || total <= 0 ? [] : [.. durations.Select(d => (float)(d / total))], [.. slips]);
    }

    /// <summary>
    /// Whether this run is <paramref name="other"/> played again. Two people, even two runs of one person, spread their
    /// time over a passage differently and slip in different places; a log played again, at its own speed or scaled,
    /// keeps its shape to within the network's jitter and slips where it slipped. Alike in shape (a correlation of at
    /// least <see cref="Typing.TypingRules.ReplayLikeness"/>) and in slips (<see cref="SlipsInCommon"/> of them at the same places),
    /// or, with no slips to compare, alike in shape beyond <see cref="Typing.TypingRules.ReplayLikenessAlone"/> over a longer passage.
    /// </summary>
    public bool Replays(RunShape other, Typing.TypingRules rules)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(rules);
        // Shape alone says less, so it needs a longer passage: over a few segments, chance makes runs alike.
        return Slips.Length > 0 && other.Slips.Length > 0
            ? Likeness(Shares, other.Shares, rules.ReplayMinimumSegments) >= rules.ReplayLikeness && SharedSlips(other) >= SlipsInCommon
            : Likeness(Shares, other.Shares, rules.ReplayMinimumSegmentsAlone) >= rules.ReplayLikenessAlone;
    }

    /// <summary>The share of the two runs' slip positions they have in common.</summary>
    public double SharedSlips(RunShape other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var union = Slips.Union(other.Slips).Count();
        return union == 0 ? 0 : (double)Slips.Intersect(other.Slips).Count() / union;
    }

    /// <summary>
    /// How alike two shapes are: the correlation of their shares, segment by segment, over the segments both have,
    /// less the quarter where they differ most. A replaying script is not a perfect clock either: a stall of its own
    /// holds a few keys back and sends them at once, which bends a segment or two and nothing else.
    /// Null with fewer than <paramref name="minimumSegments"/> in common, or for a shape without variation.
    /// </summary>
    public static double? Likeness(IReadOnlyList<float> a, IReadOnlyList<float> b, int minimumSegments)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var common = Math.Min(a.Count, b.Count);
        if (common < minimumSegments)
        {
            return null;
        }

        var kept = Enumerable.Range(0, common).OrderBy(i => Math.Abs(a[i] - b[i])).Take(common - common / 4).ToList();
        var (meanA, meanB) = (kept.Average(i => a[i]), kept.Average(i => b[i]));
        double both = 0, onlyA = 0, onlyB = 0;
        foreach (var i in kept)
        {
            both += (a[i] - meanA) * (b[i] - meanB);
            onlyA += (a[i] - meanA) * (a[i] - meanA);
            onlyB += (b[i] - meanB) * (b[i] - meanB);
        }

        return onlyA <= 0 || onlyB <= 0 ? null : both / Math.Sqrt(onlyA * onlyB);
    }
}
