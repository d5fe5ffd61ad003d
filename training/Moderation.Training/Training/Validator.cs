using Moderation.Training.Evaluation;
using Moderation.Training.Model;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>Runs the model (eval mode: argmax routing, no dropout) over a split in length-sorted batches.</summary>
public sealed class Validator(IReadOnlyList<TrainingExample> examples, int batchSize, Device device, NgramSource? ngrams = null)
{
    private readonly TrainingExample[][] batches = examples
        .OrderBy(e => e.Ids.Length)
        .Chunk(batchSize)
        .ToArray();

    public ValidationResult Run(ModerationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0;
            long correct = 0, truePositive = 0, predictedPositive = 0, actualPositive = 0, rows = 0;
            var load = new ExpertTokenCounts();
            var scores = new List<double>(examples.Count);
            var truth = new List<bool>(examples.Count);
            var people = new List<bool>(examples.Count);
            foreach (var chunk in batches)
            {
                using var region = NoGcRegion.Enter();
                using var scope = NewDisposeScope();
                using var batch = new MicroBatch(chunk, device, ngrams);
                using var output = model.forward(batch.Ids, batch.Mask, null, batch.Ngrams);
                var familyLogits = output.FamilyLogits.to(ScalarType.Float32);
                var categoryLogits = output.CategoryLogits.to(ScalarType.Float32);
                var family = nn.functional.cross_entropy(familyLogits, batch.Families, reduction: nn.Reduction.Sum);
                var category = nn.functional.binary_cross_entropy_with_logits(categoryLogits, batch.Categories, reduction: nn.Reduction.Sum);
                lossSum += family.item<float>() + (category.item<float>() / chunk[0].Categories.Length);
                correct += familyLogits.argmax(1).eq(batch.Families).sum().item<long>();
                var highest = categoryLogits.sigmoid().amax([1]);
                var predicted = highest.ge(0.5);
                var actual = batch.Categories.amax([1]).gt(0.5f);
                scores.AddRange(highest.data<float>().ToArray().Select(x => (double)x));
                truth.AddRange(actual.data<bool>().ToArray());
                people.AddRange(chunk.Select(e => !e.Synthetic));
                truePositive += predicted.logical_and(actual).sum().item<long>();
                predictedPositive += predicted.sum().item<long>();
                actualPositive += actual.sum().item<long>();
                rows += chunk.Length;
                load.Add(output.Routing);
            }

            return new ValidationResult(
                lossSum / rows,
                (double)correct / rows,
                predictedPositive == 0 ? 0 : (double)truePositive / predictedPositive,
                actualPositive == 0 ? 0 : (double)truePositive / actualPositive,
                load.Cv,
                (int)rows,
                PrecisionRecallCurve.From(scores, truth).AveragePrecision(),
                PrecisionRecallCurve.From([.. scores.Where((_, i) => people[i])], [.. truth.Where((_, i) => people[i])]).AveragePrecision());
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
