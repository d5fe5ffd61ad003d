using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;

namespace Moderation.Training.Evaluation;

/// <summary>A model's output for one corpus row: family softmax and per-category sigmoid probabilities, in the label order of its <see cref="PredictionSet"/>.</summary>
public sealed record PredictedRow(CorpusRow Row, float[] FamilyProbabilities, float[] CategoryProbabilities)
{
    /// <summary>The inappropriate score: the highest category probability.</summary>
    public double InappropriateScore => CategoryProbabilities.Length == 0 ? 0 : CategoryProbabilities.Max();

    /// <summary>The service's reject rule: any category reaches its reject threshold (pairs in category order).</summary>
    public bool RejectedBy(IReadOnlyList<CategoryThreshold> pairs) => Reaches(pairs, p => p.Reject);

    /// <summary>The service's hold rule: any category reaches its hold threshold (pairs in category order).</summary>
    public bool HeldBy(IReadOnlyList<CategoryThreshold> pairs) => Reaches(pairs, p => p.Hold);

    public int PredictedFamily
    {
        get
        {
            var best = 0;
            for (var i = 1; i < FamilyProbabilities.Length; i++)
            {
                best = FamilyProbabilities[i] > FamilyProbabilities[best] ? i : best;
            }

            return best;
        }
    }

    private bool Reaches(IReadOnlyList<CategoryThreshold> pairs, Func<CategoryThreshold, double> threshold)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        for (var c = 0; c < pairs.Count; c++)
        {
            if (CategoryProbabilities[c] >= threshold(pairs[c]))
            {
                return true;
            }
        }

        return false;
    }
}
