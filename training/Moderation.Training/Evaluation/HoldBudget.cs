namespace Moderation.Training.Evaluation;

/// <summary>
/// Chooses every category's hold threshold together under one budget: at most <c>budget</c> of validation's clean
/// rows written by people (all rows when there are none) may be held or rejected, because each held review is a
/// person's time. Starting with no hold band (hold = reject), it repeatedly lowers the hold threshold of the category
/// whose next rows catch the most positives per clean row not yet flagged by any category, as long as the budget
/// allows and the move catches a positive of that category. Ties in a score enter together.
/// </summary>
public static class HoldBudget
{
    /// <summary>
    /// The shipped operating point: a held review is a person's time, so at most 15% of clean reviews may wait for
    /// one (issue #14's target), and the bands spend that budget where it catches the most.
    /// </summary>
    public const double Default = 0.15;

    /// <summary>Rows per step (of the rows written by people), so the greedy search has a few hundred steps.</summary>
    private const int StepsPerCategory = 400;

    /// <summary>A move may look this many steps ahead past clean rows to reach the positives below them.</summary>
    private const int LookAhead = 20;

    /// <param name="rows">Validation predictions.</param>
    /// <param name="categories">Category names, in the order of the rows' probabilities.</param>
    /// <param name="reject">Each category's reject threshold, in category order.</param>
    /// <param name="budget">Share of clean rows that may be held or rejected, in [0, 1].</param>
    /// <returns>Hold thresholds in category order, each ≤ its reject threshold.</returns>
    public static double[] Choose(IReadOnlyList<PredictedRow> rows, IReadOnlyList<string> categories, IReadOnlyList<double> reject, double budget)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(reject);
        if (budget is < 0 or > 1 || double.IsNaN(budget))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "the hold budget is a share of clean rows in [0, 1]");
        }

        var people = rows.Where(r => !r.Row.IsSynthetic).ToArray();
        var judged = people.Length > 0 ? people : [.. rows];
        var hold = reject.ToArray();
        var clean = judged.Count(r => !r.Row.Inappropriate);
        var allowed = (int)Math.Floor((budget * clean) + 1e-9);
        var flagged = new bool[judged.Length];
        var used = 0;
        for (var i = 0; i < judged.Length; i++)
        {
            for (var c = 0; c < reject.Count && !flagged[i]; c++)
            {
                flagged[i] = judged[i].CategoryProbabilities[c] >= reject[c];
            }

            used += flagged[i] && !judged[i].Row.Inappropriate ? 1 : 0;
        }

        // Each category's rows below its reject threshold, highest score first; next[c] is the first not yet held.
        var orders = Enumerable.Range(0, reject.Count)
            .Select(c => Enumerable.Range(0, judged.Length)
                .Where(i => judged[i].CategoryProbabilities[c] < reject[c])
                .OrderByDescending(i => judged[i].CategoryProbabilities[c])
                .ToArray())
            .ToArray();
        var ownPositive = Enumerable.Range(0, reject.Count)
            .Select(c => judged.Select(r => r.Row.Labels.Contains(categories[c])).ToArray())
            .ToArray();
        var next = new int[reject.Count];
        var chunk = Math.Max(1, judged.Length / StepsPerCategory);
        while (used < allowed)
        {
            var best = (Category: -1, End: 0, Clean: 0, Ratio: 0.0);
            for (var c = 0; c < reject.Count; c++)
            {
                var order = orders[c];
                int positives = 0, negatives = 0, end = next[c];
                for (var step = 0; step < LookAhead && end < order.Length; step++)
                {
                    var stop = TieEnd(order, Math.Min(order.Length, end + chunk), judged, c);
                    for (; end < stop; end++)
                    {
                        var i = order[end];
                        if (!flagged[i])
                        {
                            // A band is paid for by its own category's positives: another category's positives that
                            // it happens to reach would make it a noisy second detector for them.
                            positives += ownPositive[c][i] ? 1 : 0;
                            negatives += judged[i].Row.Inappropriate ? 0 : 1;
                        }
                    }

                    if (used + negatives > allowed)
                    {
                        break;
                    }

                    var ratio = positives / (negatives + 1.0);
                    if (positives > 0 && ratio > best.Ratio)
                    {
                        best = (c, end, negatives, ratio);
                    }
                }
            }

            if (best.Category < 0)
            {
                break;
            }

            var chosen = orders[best.Category];
            for (var k = next[best.Category]; k < best.End; k++)
            {
                flagged[chosen[k]] = true;
            }

            used += best.Clean;
            next[best.Category] = best.End;
            hold[best.Category] = judged[chosen[best.End - 1]].CategoryProbabilities[best.Category];
        }

        return hold;
    }

    /// <summary>Extends <paramref name="end"/> past rows that tie with the last one taken, so a threshold takes all of them.</summary>
    private static int TieEnd(int[] order, int end, PredictedRow[] rows, int category)
    {
        while (end < order.Length && rows[order[end]].CategoryProbabilities[category] == rows[order[end - 1]].CategoryProbabilities[category])
        {
            end++;
        }

        return end;
    }
}
