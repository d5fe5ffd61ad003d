namespace Moderation.Training.Pretraining;

/// <summary>
/// Endless, seeded order of row batches for pretraining: each pass shuffles the rows, sorts windows of 64 batches by
/// length (so a batch pads little) and shuffles the batches again (so lengths do not drift within a pass).
/// </summary>
public sealed class MlmBatches
{
    private const int SortWindowBatches = 64;
    private readonly IReadOnlyList<int[]> rows;
    private readonly int batchSize;
    private readonly Random random;
    private readonly Queue<int[][]> pending = new();

    public MlmBatches(IReadOnlyList<int[]> rows, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no rows to pretrain on", nameof(rows));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        this.rows = rows;
        this.batchSize = batchSize;
        random = new Random(unchecked((int)seed));
    }

    public int[][] Next()
    {
        if (pending.Count == 0)
        {
            Refill();
        }

        return pending.Dequeue();
    }

    private void Refill()
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<int[][]>();
        foreach (var window in order.Chunk(batchSize * SortWindowBatches))
        {
            var sorted = window.OrderBy(i => rows[i].Length).ToArray();
            batches.AddRange(sorted.Chunk(batchSize).Select(chunk => chunk.Select(i => rows[i]).ToArray()));
        }

        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        foreach (var batch in shuffled)
        {
            pending.Enqueue(batch);
        }
    }
}
