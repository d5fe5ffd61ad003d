namespace Inference.Benchmarks;

/// <summary>What to measure: the model (a training run to export, else the tiny preset with random weights), the texts and the phase length.</summary>
public sealed record BenchSettings(string? RunDirectory, string? TextsFile, string? TokenizerFile, double PhaseSeconds, IReadOnlyList<int> Concurrency, IReadOnlyList<int> RawBatchSizes, string OutDirectory)
{
    /// <summary>An exported bundle to serve as it is (<c>--bundle</c>; the <c>--lengths</c> mode).</summary>
    public string? Bundle { get; init; }

    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name, string? fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var root = RepositoryRoot.Find();
        string? Existing(string path) => File.Exists(path) || Directory.Exists(path) ? path : null;
        var run = Value("--run", Existing("/work/runs/tiny-ref/model.safetensors") is null ? null : "/work/runs/tiny-ref");
        return new BenchSettings(
            run == "none" ? null : run,
            Value("--texts", Existing("/work/corpus/test.jsonl")),
            Value("--tokenizer", Existing("/work/corpus/tokenizer.model")),
            double.Parse(Value("--seconds", "5")!, System.Globalization.CultureInfo.InvariantCulture),
            (Value("--concurrency", "1,2,4,8,16,32,64,128")!).Split(',').Select(int.Parse).ToList(),
            (Value("--raw-batches", "1,8,16,32,64,128")!).Split(',').Select(int.Parse).ToList(),
            Value("--out", Path.Combine(root, "bench", "results"))!)
        {
            Bundle = Value("--bundle", null),
        };
    }
}
