using Moderation.Datasets.Corpus;

namespace Moderation.Training.Evaluation;

/// <summary>A model the evaluation can judge: the transformer run or the ML.NET baseline.</summary>
public interface IPredictor
{
    /// <summary>A short name for reports ("transformer tiny (run 1a2b…)", "ml.net baseline").</summary>
    string Name { get; }

    /// <summary>Predicts every row; <paramref name="progress"/> receives the number of rows done so far.</summary>
    PredictionSet Predict(IReadOnlyList<CorpusRow> rows, IProgress<int>? progress = null);
}
