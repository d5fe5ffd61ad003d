using System.Globalization;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class LanguageSamplingTests
{
    [Fact]
    public void Batch_languages_follow_p_proportional_to_n_to_the_one_over_T_at_the_logged_T()
    {
        // 180 / 90 / 30 rows; T anneals 3 → 1 over 400 steps, so each group of batches draws at its own T.
        var examples = FixtureCorpus.TrainRowsPerLanguage
            .SelectMany(kv => Enumerable.Range(0, kv.Value).Select(i => new TrainingExample(new int[3 + (i % 7)], 0, new float[5], kv.Key, true)))
            .ToArray();
        var schedule = new TemperatureSchedule(3.0, 1.0, 400);
        var batcher = new LengthBucketedBatcher(examples, schedule, batchSize: 25, bucketBatches: 4, gradientAccumulation: 1, seed: 5);
        var languages = FixtureCorpus.TrainRowsPerLanguage.Keys.Order(StringComparer.Ordinal).ToArray();
        var observed = languages.ToDictionary(l => l, _ => 0.0);
        var expected = languages.ToDictionary(l => l, _ => 0.0);
        for (long micro = 0; micro < 400; micro++)
        {
            var t = schedule.At(batcher.SamplerStep(micro));
            var weights = languages.ToDictionary(l => l, l => Math.Pow(FixtureCorpus.TrainRowsPerLanguage[l], 1.0 / t));
            var sum = weights.Values.Sum();
            foreach (var l in languages)
            {
                expected[l] += 25 * weights[l] / sum;
                Assert.Equal(weights[l] / sum, batcher.Sampler.Probabilities(batcher.SamplerStep(micro))[l], 12);
            }

            foreach (var example in batcher.Batch(micro))
            {
                observed[example.Lang]++;
            }
        }

        // Pearson χ² over 10,000 draws, 2 degrees of freedom: 13.8 is the 0.1% critical value.
        var chiSquare = languages.Sum(l => Math.Pow(observed[l] - expected[l], 2) / expected[l]);
        Assert.True(chiSquare < 13.8, string.Create(CultureInfo.InvariantCulture, $"χ² = {chiSquare:F2}; observed {string.Join(", ", observed)}; expected {string.Join(", ", expected.Select(kv => $"{kv.Key}={kv.Value:F0}"))}"));
        // Annealing matters: at T = 3 Russian gets far more than its 10% share of the data.
        Assert.True(observed["ru"] / 10_000 > 0.15, $"ru share {observed["ru"] / 10_000}");
    }

    [Fact]
    public void The_trainer_logs_the_language_temperature_its_batches_used()
    {
        var root = FixtureCorpus.NewRoot();
        var observer = new RecordingObserver();
        var options = FixtureCorpus.Options(root, maxSteps: 8);
        TrainingRun.Start(options, observer, CancellationToken.None);
        var schedule = options.LanguageSchedule(8);
        foreach (var step in observer.Steps)
        {
            var micro = (step.Step - 1) * options.GradientAccumulation;
            var groupStep = micro / options.BucketBatches * options.BucketBatches / options.GradientAccumulation;
            Assert.Equal(schedule.At(groupStep), step.LanguageTemperature, 12);
        }

        Assert.True(observer.Steps[0].LanguageTemperature > observer.Steps[^1].LanguageTemperature);
    }

    [Fact]
    public void Batches_are_length_bucketed_and_a_pure_function_of_seed_and_index()
    {
        var random = new Random(3);
        var examples = Enumerable.Range(0, 500).Select(i => new TrainingExample(new int[2 + random.Next(60)], 0, new float[5], i % 2 == 0 ? "en" : "es", false)).ToArray();
        var schedule = new TemperatureSchedule(1.0, 1.0, 10);
        var a = new LengthBucketedBatcher(examples, schedule, 16, 8, 1, seed: 9);
        var b = new LengthBucketedBatcher(examples, schedule, 16, 8, 1, seed: 9);
        var spread = Enumerable.Range(0, 8).Select(i => a.Batch(i)).Select(batch => batch.Max(e => e.Ids.Length) - batch.Min(e => e.Ids.Length)).Average();
        Assert.True(spread < 20, $"mean length spread within a batch {spread} (random batches would spread ~50)");
        // Reading index 13 first (as a resumed run does) gives the same batch as reading 0..13 in order.
        var late = b.Batch(13);
        for (var i = 0; i <= 13; i++)
        {
            a.Batch(i);
        }

        Assert.Equal(a.Batch(13), late);
    }
}
