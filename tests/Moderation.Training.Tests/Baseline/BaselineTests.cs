using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Baseline;
using Moderation.Training.Evaluation;
using Moderation.Training.Tests.Evaluation;

namespace Moderation.Training.Tests.Baseline;

/// <summary>The ML.NET baseline trains on the fixture corpus and is judged by the same evaluation.</summary>
public sealed class BaselineTests
{
    [Theory]
    [InlineData(BaselineLinearTrainer.Sdca)]
    [InlineData(BaselineLinearTrainer.Lbfgs)]
    public void Baseline_trains_and_evaluates_on_a_fixture_corpus(BaselineLinearTrainer categoryTrainer)
    {
        var rows = FixtureCorpus.Rows();
        var train = rows.Where(r => r.Split == Splits.Train).ToArray();
        var validation = rows.Where(r => r.Split == Splits.Validation).ToArray();
        var test = rows.Where(r => r.Split == Splits.Test).ToArray();
        var dir = Path.GetDirectoryName(TestModels.TempFile("baseline"))!;

        var manifest = new BaselineTrainer(categoryTrainer: categoryTrainer).Train(train, dir, "fixture");

        Assert.Equal(train.Length, manifest.TrainRows);
        Assert.Equal(["abuse", "spam"], manifest.TrainedCategories);
        Assert.StartsWith(categoryTrainer == BaselineLinearTrainer.Lbfgs ? "Lbfgs" : "Sdca", manifest.CategoryTrainer, StringComparison.Ordinal);
        // No fixture row is sexual, scam or personal_info: those are constant zero, not a failed trainer.
        Assert.Equal(0.0, manifest.ConstantCategories["sexual"]);
        var predictor = BaselinePredictor.Load(dir);
        var thresholds = Thresholds.Choose(predictor.Predict(validation), 0.8);
        var predictions = predictor.Predict(test);
        Assert.Equal(test.Length, predictions.Rows.Count);
        Assert.All(predictions.Rows, r => Assert.Equal(Families.All.Count, r.FamilyProbabilities.Length));
        Assert.All(predictions.Rows, r => Assert.Equal(0f, r.FamilyProbabilities[Families.All.ToList().IndexOf("japonic")]));

        var result = Evaluator.Evaluate(predictions, thresholds, "fixture", Splits.Test, "validation");
        Assert.True(result.FamilyAccuracy >= 0.9, $"family accuracy {result.FamilyAccuracy}");
        Assert.True(result.All.Categories["abuse"].AveragePrecision >= 0.8, $"abuse AP {result.All.Categories["abuse"].AveragePrecision}");
        Assert.True(result.All.Categories["spam"].AveragePrecision >= 0.9, $"spam AP {result.All.Categories["spam"].AveragePrecision}");
        Assert.True(result.InappropriateRecall >= 0.7, $"inappropriate recall {result.InappropriateRecall}");
        Assert.Null(result.ExpertLoad);
        Assert.NotNull(result.Real);
        Assert.NotNull(result.Synthetic);
    }
}
