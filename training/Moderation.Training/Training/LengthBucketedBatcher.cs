using Moderation.Training.Model;

namespace Moderation.Training.Training;

/// <summary>
/// The training data order. Micro-batches come in groups ("buckets") of <see cref="BucketBatches"/>: for
/// group g, B·K examples are drawn, each one's language from the <see cref="LanguageSampler"/>
/// (p ∝ n^(1/T) at the group's first optimiser step) and the row uniformly within the language; the
/// draw is sorted by length and cut into K batches, which are shuffled. So each batch holds rows of
/// similar length (little padding) while languages follow the annealed distribution. Everything is a
/// function of (seed, micro-batch index): resuming at step s reproduces the same batches.
/// </summary>
public sealed class LengthBucketedBatcher
{
    private readonly Dictionary<string, TrainingExample[]> byLanguage;
    private readonly long seed;
    private long cachedGroup = -1;
    private List<TrainingExample[]> cached = [];

    public LengthBucketedBatcher(IReadOnlyList<TrainingExample> examples, TemperatureSchedule languageTemperature, int batchSize, int bucketBatches, int gradientAccumulation, long seed)
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
    }

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
            var pool = byLanguage[Sampler.Next(step, random)];
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
