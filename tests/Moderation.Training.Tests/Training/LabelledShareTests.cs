using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

public sealed class LabelledShareTests
{
    private static readonly float[] Clean = new float[5];
    private static readonly float[] Abusive = [1, 0, 0, 0, 0];

    /// <summary>
    /// 600 generated rows, 300 clean language-ID rows, a two-sided abuse corpus of 100 rows (30 abusive) and a
    /// one-sided one of 50 abusive rows, in two languages.
    /// </summary>
    private static TrainingExample[] Examples()
    {
        var rows = new List<TrainingExample>();
        for (var i = 0; i < 600; i++)
        {
            rows.Add(new TrainingExample(new int[3 + (i % 9)], 0, i % 3 == 0 ? Abusive : Clean, i % 2 == 0 ? "en" : "de", true, "synthetic"));
        }

        for (var i = 0; i < 300; i++)
        {
            rows.Add(new TrainingExample(new int[4 + (i % 5)], 0, Clean, i % 2 == 0 ? "en" : "de", false, "tatoeba"));
        }

        for (var i = 0; i < 100; i++)
        {
            rows.Add(new TrainingExample(new int[5 + (i % 7)], 0, i < 30 ? Abusive : Clean, "en", false, "olid_en"));
        }

        for (var i = 0; i < 50; i++)
        {
            rows.Add(new TrainingExample(new int[6], 0, Abusive, "de", false, "toxic_only_de"));
        }

        return [.. rows];
    }

    private static Dictionary<string, int> Drawn(LengthBucketedBatcher batcher) =>
        Enumerable.Range(0, 200).SelectMany(i => batcher.Batch(i)).GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Count());

    private static LengthBucketedBatcher Batcher(double share) =>
        new(Examples(), new TemperatureSchedule(1.0, 1.0, 100), batchSize: 16, bucketBatches: 4, gradientAccumulation: 1, seed: 3, labelledShare: share);

    [Fact]
    public void A_share_of_one_draws_only_from_sources_labelled_both_ways()
    {
        var drawn = Drawn(Batcher(1.0));
        Assert.Equal(["olid_en"], drawn.Keys);
        Assert.Equal(1.0, Batcher(1.0).LabelledShare);
    }

    [Fact]
    public void A_share_raises_the_labelled_rows_rate_to_about_share_plus_the_rest_of_their_natural_rate()
    {
        // Naturally olid_en is 100 of the 1,050 rows (en half of the draws: 100 of en's 550): about 9% of draws.
        var natural = Drawn(Batcher(0)).GetValueOrDefault("olid_en") / 3200.0;
        var shared = Drawn(Batcher(0.5)).GetValueOrDefault("olid_en") / 3200.0;
        Assert.InRange(natural, 0.06, 0.12);
        var expected = 0.5 + (0.5 * natural);
        Assert.InRange(shared, expected - 0.04, expected + 0.04);
    }

    [Fact]
    public void Without_a_labelled_pool_or_share_it_stays_off_and_a_bad_share_is_refused()
    {
        Assert.Equal(0, Batcher(0).LabelledShare);
        var generatedOnly = Examples().Where(e => e.Synthetic).ToArray();
        Assert.Equal(0, new LengthBucketedBatcher(generatedOnly, new TemperatureSchedule(1.0, 1.0, 100), 16, 4, 1, 3, labelledShare: 0.5).LabelledShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => Batcher(1.5));
    }
}
