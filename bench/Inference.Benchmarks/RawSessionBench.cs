using System.Diagnostics;
using Moderation.Inference.Runtime;

namespace Inference.Benchmarks;

/// <summary>
/// The limit: the service's own ONNX Runtime session called directly on pre-tokenized texts, in length-sorted
/// batches (least padding), with no HTTP, queue or tokenization, one batch after another.
/// </summary>
public static class RawSessionBench
{
    public static Percentiles Run(ModelRuntime runtime, IReadOnlyList<int[]> rows, int batchSize, double seconds)
    {
        var sorted = rows.OrderBy(r => r.Length).ToList();
        var batches = sorted.Chunk(batchSize).Select(c => c.ToList()).ToList();
        foreach (var batch in batches.Take(3))
        {
            runtime.Run(batch);
        }

        var latencies = new List<double>();
        long texts = 0;
        var clock = Stopwatch.StartNew();
        var next = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var batch = batches[next++ % batches.Count];
            var started = Stopwatch.GetTimestamp();
            runtime.Run(batch);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            texts += batch.Count;
        }

        return Percentiles.Of(latencies, texts, clock.Elapsed.TotalSeconds);
    }
}
