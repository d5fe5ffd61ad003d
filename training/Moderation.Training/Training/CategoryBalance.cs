namespace Moderation.Training.Training;

/// <summary>
/// Per-category BCE positive weights n_neg / n_pos from the train split, capped so a category with a
/// handful of positives cannot dominate the loss. Rare categories (scam, spam: ~1.5% of rows) otherwise
/// contribute almost no gradient next to the family loss.
/// </summary>
public static class CategoryBalance
{
    public const float Cap = 10f;

    public static float[] PositiveWeights(IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var categories = examples[0].Categories.Length;
        var weights = new float[categories];
        for (var c = 0; c < categories; c++)
        {
            var positives = examples.Count(e => e.Categories[c] > 0.5f);
            weights[c] = positives == 0 ? 1f : Math.Min(Cap, (float)(examples.Count - positives) / positives);
        }

        return weights;
    }
}
