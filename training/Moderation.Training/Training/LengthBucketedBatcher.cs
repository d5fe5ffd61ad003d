using Moderation.Training.Model;

namespace Moderation.Training.Training;

/// <summary>
/// The training data order. Micro-batches come in groups ("buckets") of <see cref="BucketBatches"/>: for
/// group g, B·K examples are drawn, each one's language from the <see cref="LanguageSampler"/>
/// (p ∝ n^(1/T) at the group's first optimiser step) and the row uniformly within the language; the
/// draw is sorted by length and cut into K batches, which are shuffled. So each batch holds rows of
/// similar length (little padding) while languages follow the annealed distribution. With a labelled share s > 0,
/// each draw first comes, with probability s, from the rows written by people in sources labelled both ways (the real
/// abuse corpora with their negatives; language again from a tempered sampler over that pool), so the category task
/// sees real text at a known rate. Everything is a function of (seed, micro-batch index): resuming at step s
/// reproduces the same batches.
/// </summary>
public sealed class LengthBucketedBatcher
{
    private readonly Dictionary<string, TrainingExample[]> byLanguage;
    private readonly long seed;
    private readonly Dictionary<string, TrainingExample[]>? labelledByLanguage;
    private readonly LanguageSampler? labelledSampler;
    private long cachedGroup = -1;
    private List<TrainingExample[]> cached = [];

    public LengthBucketedBatcher(
        IReadOnlyList<TrainingExample> examples, TemperatureSchedule languageTemperature, int batchSize, int bucketBatches, int gradientAccumulation, long seed, double labelledShare = 0)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gradientAccumulation, 1);
        byLanguage = examples.GroupBy(e => e.Lang, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Sampler = new LanguageSampler(byLanguage.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Length), languageTemperature);
        BatchSize = batchSize;
        BucketBatches = bucketBatches;
        GradientAccumulation = gradientAccumulation;
        this.seed = seed;
        if (labelledShare is < 0 or > 1 || double.IsNaN(labelledShare))
        {
            throw new ArgumentOutOfRangeException(nameof(labelledShare), labelledShare, "the labelled share is a probability in [0, 1]");
        }

        // Sources whose annotators judged both ways: a one-sided source (only toxic rows, or only their neutral rewrites)
        // would teach the source's style, so it stays in the language draw alone.
        var labelledSources = examples.Where(e => !e.Synthetic).GroupBy(e => e.Source, StringComparer.Ordinal)
            .Where(g => g.Any(e => e.Categories.Any(c => c > 0)) && g.Any(e => e.Categories.All(c => c == 0)))
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var labelled = examples.Where(e => !e.Synthetic && labelledSources.Contains(e.Source)).ToArray();
        if (labelledShare > 0 && labelled.Length > 0)
        {
            LabelledShare = labelledShare;
            labelledByLanguage = labelled.GroupBy(e => e.Lang, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            labelledSampler = new LanguageSampler(labelledByLanguage.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Length), languageTemperature);
        }
    }

    /// <summary>Probability that a draw comes from the labelled real sources (0 when off or when there are none).</summary>
    public double LabelledShare { get; }

    public LanguageSampler Sampler { get; }
    public int BatchSize { get; }
    public int BucketBatches { get; }
    public int GradientAccumulation { get; }

    /// <summary>The optimiser step whose temperature a micro-batch's group uses.</summary>
    public long SamplerStep(long microBatch) => microBatch / BucketBatches * BucketBatches / GradientAccumulation;

    /// <summary>The examples of micro-batch <paramref name="index"/> (0-based over the whole run).</summary>
    public IReadOnlyList<TrainingExample> Batch(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var group = index / BucketBatches;
        if (group != cachedGroup)
        {
            cached = BuildGroup(group);
            cachedGroup = group;
        }

        return cached[(int)(index % BucketBatches)];
    }

    private List<TrainingExample[]> BuildGroup(long group)
    {
        var random = StepSeed.Random(seed, group, stream: 1);
        var step = SamplerStep(group * BucketBatches);
        var draw = new TrainingExample[BatchSize * BucketBatches];
        for (var i = 0; i < draw.Length; i++)
        {
            // The extra draw happens only with a share, so runs without one keep their exact data order.
            var pool = labelledSampler is not null && random.NextDouble() < LabelledShare
                ? labelledByLanguage![labelledSampler.Next(step, random)]
                : byLanguage[Sampler.Next(step, random)];
            draw[i] = pool[random.Next(pool.Length)];
        }

        // Stable sort by length keeps the random order among equal lengths.
        var sorted = draw.Select((e, i) => (e, i)).OrderBy(x => x.e.Ids.Length).ThenBy(x => x.i).Select(x => x.e).ToArray();
        var batches = Enumerable.Range(0, BucketBatches).Select(b => sorted[(b * BatchSize)..((b + 1) * BatchSize)]).ToList();
        for (var i = batches.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (batches[i], batches[j]) = (batches[j], batches[i]);
        }

        return batches;
    }
}
