using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;
using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Training.Baseline;

/// <summary>
/// The classic model every transformer number is set beside: ML.NET's FeaturizeText (word 1–2-grams and
/// character 1–3-grams, L2-normalised) fitted once, then a maximum-entropy classifier for the family (SDCA) and one
/// logistic regression per category (SDCA or L-BFGS), all on the same features.
/// </summary>
public sealed class BaselineTrainer
{
    public const string FeatureColumn = "Features";
    public const string LabelKeyColumn = "Label";

    private readonly MLContext ml;
    private readonly Action<string> log;

    private readonly BaselineLinearTrainer trainer;

    public BaselineTrainer(int seed = 1, Action<string>? log = null, BaselineLinearTrainer categoryTrainer = BaselineLinearTrainer.Lbfgs)
    {
        ml = new MLContext(seed);
        this.log = log ?? (_ => { });
        trainer = categoryTrainer;
    }

    public static TextFeaturizingEstimator.Options FeaturizerOptions() => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private const string FamilyTrainerName = "SdcaMaximumEntropy";

    private string CategoryTrainerName => trainer == BaselineLinearTrainer.Lbfgs ? "LbfgsLogisticRegression" : "SdcaLogisticRegression";

    /// <summary>Trains on <paramref name="train"/> and writes the models and baseline.json into <paramref name="directory"/>.</summary>
    public BaselineManifest Train(IReadOnlyList<CorpusRow> train, string directory, string corpus)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("no training rows", nameof(train));
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        var view = ml.Data.LoadFromEnumerable(train.Select(BaselineInput.From));
        log($"featurising {train.Count} rows (word 1-2-grams, char 1-3-grams)");
        var featurizer = ml.Transforms.Text.FeaturizeText(FeatureColumn, FeaturizerOptions(), nameof(BaselineInput.Text)).Fit(view);
        ml.Model.Save(featurizer, view.Schema, Path.Combine(directory, BaselineFiles.Featurizer));
        // Features are computed once and cached; every classifier below reads the same columns.
        var featurized = ml.Data.Cache(featurizer.Transform(view));

        log($"training family classifier ({FamilyTrainerName})");
        var keyed = ml.Transforms.Conversion.MapValueToKey(LabelKeyColumn, nameof(BaselineInput.Family));
        // SDCA always: L-BFGS over 25 classes × the n-gram space takes tens of minutes on two cores.
        var family = keyed.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(LabelKeyColumn, FeatureColumn)).Fit(featurized);
        ml.Model.Save(family, featurized.Schema, Path.Combine(directory, BaselineFiles.Family));

        var trained = new List<string>();
        var constant = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var category in Categories.All)
        {
            var positives = train.Count(r => r.Labels.Contains(category));
            if (positives == 0 || positives == train.Count)
            {
                // SDCA needs both classes; a one-class category is its training frequency.
                constant[category] = (double)positives / train.Count;
                log($"category {category}: one class in training, constant {constant[category]:0.###}");
                continue;
            }

            log($"training {category} classifier ({CategoryTrainerName}, {positives} positives)");
            ITransformer model = trainer == BaselineLinearTrainer.Lbfgs
                ? ml.BinaryClassification.Trainers.LbfgsLogisticRegression(category, FeatureColumn).Fit(featurized)
                : ml.BinaryClassification.Trainers.SdcaLogisticRegression(category, FeatureColumn).Fit(featurized);
            ml.Model.Save(model, featurized.Schema, Path.Combine(directory, BaselineFiles.Category(category)));
            trained.Add(category);
        }

        var manifest = new BaselineManifest
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Corpus = corpus,
            TrainRows = train.Count,
            Featurizer = "FeaturizeText: lower case, word 1-2-grams + char 1-3-grams, L2",
            FamilyTrainer = FamilyTrainerName,
            CategoryTrainer = CategoryTrainerName + ", one per category",
            TrainedCategories = trained,
            ConstantCategories = constant,
            TrainSeconds = clock.Elapsed.TotalSeconds,
        };
        manifest.Save(Path.Combine(directory, BaselineManifest.FileName));
        return manifest;
    }
}
