namespace Moderation.Text;

/// <summary>
/// One text's scores from its rows' scores: a category's probability is its highest over all rows (abuse anywhere
/// is abuse); the language family's probabilities are the windows' softmax averaged with weights equal to their
/// tokens of text (sentence rows do not vote: a short quote in another language does not change the review's).
/// For a text that is one window both equal that window's scores.
/// </summary>
public static class SegmentScores
{
    public static (float[] Family, float[] Categories) Combine(
        IReadOnlyList<TextSegment> rows, IReadOnlyList<float[]> familyProbabilities, IReadOnlyList<float[]> categoryProbabilities)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(familyProbabilities);
        ArgumentNullException.ThrowIfNull(categoryProbabilities);
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        if (familyProbabilities.Count != rows.Count || categoryProbabilities.Count != rows.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {familyProbabilities.Count} family and {categoryProbabilities.Count} category score rows");
        }

        if (rows.Count == 1)
        {
            return (familyProbabilities[0], categoryProbabilities[0]);
        }

        var categories = (float[])categoryProbabilities[0].Clone();
        for (var r = 1; r < rows.Count; r++)
        {
            for (var c = 0; c < categories.Length; c++)
            {
                categories[c] = Math.Max(categories[c], categoryProbabilities[r][c]);
            }
        }

        var family = new double[familyProbabilities[0].Length];
        var weight = 0.0;
        for (var r = 0; r < rows.Count; r++)
        {
            if (!rows[r].IsWindow)
            {
                continue;
            }

            weight += rows[r].ContentTokens;
            for (var f = 0; f < family.Length; f++)
            {
                family[f] += rows[r].ContentTokens * familyProbabilities[r][f];
            }
        }

        return ([.. family.Select(p => (float)(p / weight))], categories);
    }

    /// <summary>Softmax of one row of logits (max-shifted, in double).</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
        {
            max = Math.Max(max, l);
        }

        var exp = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            exp[i] = Math.Exp(logits[i] - max);
            sum += exp[i];
        }

        return [.. exp.Select(e => (float)(e / sum))];
    }

    public static float[] Sigmoid(ReadOnlySpan<float> logits)
    {
        var probabilities = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = (float)(1.0 / (1.0 + Math.Exp(-logits[i])));
        }

        return probabilities;
    }
}
