using Moderation.Datasets.Corpus;

namespace Moderation.Training.Evaluation;

/// <summary>A model's output for one corpus row: family softmax and per-category sigmoid probabilities, in the label order of its <see cref="PredictionSet"/>.</summary>
public sealed record PredictedRow(CorpusRow Row, float[] FamilyProbabilities, float[] CategoryProbabilities)
{
    /// <summary>The inappropriate score: the highest category probability.</summary>
    public double InappropriateScore => CategoryProbabilities.Length == 0 ? 0 : CategoryProbabilities.Max();

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
}
