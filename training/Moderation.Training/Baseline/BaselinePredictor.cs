using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Evaluation;

namespace Moderation.Training.Baseline;

/// <summary>A trained baseline directory as a predictor, so the same evaluation judges it.</summary>
public sealed class BaselinePredictor : IPredictor
{
    private const int ChunkSize = 2048;
    private readonly MLContext ml = new(seed: 1);
    private readonly ITransformer featurizer;
    private readonly ITransformer family;
    private readonly Dictionary<string, ITransformer> categories;
    private readonly BaselineManifest manifest;

    private BaselinePredictor(string directory, BaselineManifest manifest)
    {
        this.manifest = manifest;
        featurizer = ml.Model.Load(Path.Combine(directory, BaselineFiles.Featurizer), out _);
        family = ml.Model.Load(Path.Combine(directory, BaselineFiles.Family), out _);
        categories = manifest.TrainedCategories.ToDictionary(
            c => c, c => ml.Model.Load(Path.Combine(directory, BaselineFiles.Category(c)), out _), StringComparer.Ordinal);
    }

    public string Name => $"ML.NET baseline (text n-grams + {manifest.FamilyTrainer} / {manifest.CategoryTrainer.Split(',')[0]})";

    public static BaselinePredictor Load(string directory)
    {
        var manifestPath = Path.Combine(directory, BaselineManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new EvaluationException($"no baseline at '{directory}': {BaselineManifest.FileName} is missing (train one with `moderation baseline train`)");
        }

        try
        {
            return new BaselinePredictor(directory, BaselineManifest.Load(manifestPath));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            throw new EvaluationException($"cannot load baseline '{directory}': {e.Message}", e);
        }
    }

    public PredictionSet Predict(IReadOnlyList<CorpusRow> rows, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var results = new List<PredictedRow>(rows.Count);
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            var view = featurizer.Transform(ml.Data.LoadFromEnumerable(chunk.Select(BaselineInput.From)));
            var familyProbabilities = FamilyProbabilities(view);
            var categoryProbabilities = Categories.All.Select(c => CategoryProbabilities(view, c, chunk.Length)).ToArray();
            for (var i = 0; i < chunk.Length; i++)
            {
                results.Add(new PredictedRow(chunk[i], familyProbabilities[i], [.. categoryProbabilities.Select(p => p[i])]));
            }

            progress?.Report(results.Count);
        }

        return new PredictionSet(Name, Families.All, Categories.All, results, Routing: null);
    }

    /// <summary>Softmax scores mapped from the classifier's label keys onto <see cref="Families.All"/> (unseen families get 0).</summary>
    private float[][] FamilyProbabilities(IDataView featurized)
    {
        var scored = family.Transform(featurized);
        var keys = default(VBuffer<ReadOnlyMemory<char>>);
        scored.Schema[BaselineTrainer.LabelKeyColumn].GetKeyValues(ref keys);
        var slotToFamily = keys.DenseValues().Select(k => Families.All.ToList().IndexOf(k.ToString())).ToArray();
        return [.. scored.GetColumn<float[]>("Score").Select(score =>
        {
            var probabilities = new float[Families.All.Count];
            for (var s = 0; s < score.Length; s++)
            {
                if (slotToFamily[s] >= 0)
                {
                    probabilities[slotToFamily[s]] = score[s];
                }
            }

            return probabilities;
        })];
    }

    private float[] CategoryProbabilities(IDataView featurized, string category, int count) =>
        categories.TryGetValue(category, out var model)
            ? [.. model.Transform(featurized).GetColumn<float>("Probability")]
            : Enumerable.Repeat((float)manifest.ConstantCategories.GetValueOrDefault(category), count).ToArray();
}
