using System.Globalization;

namespace Inference.Benchmarks;

/// <summary>
/// What to measure: the model (the shipped bundle <c>models/reference</c> by default; <c>--bundle DIR</c> another
/// exported bundle; <c>--run DIR</c> a training run, exported first; <c>--tokenizer FILE</c> the tiny preset with random
/// weights over that tokenizer), the texts (<c>--texts</c> a corpus split in JSONL, else a built-in multilingual set),
/// the phase length and where the results go (<c>--out</c>, default bench/results). Defaults come from the repository,
/// never from one machine's folders.
/// </summary>
public sealed record BenchSettings(string? RunDirectory, string? TextsFile, string? TokenizerFile, double PhaseSeconds, IReadOnlyList<int> Concurrency, IReadOnlyList<int> RawBatchSizes, string OutDirectory)
{
    /// <summary>An exported bundle served as it is; null when <see cref="RunDirectory"/> or <see cref="TokenizerFile"/> builds the model.</summary>
    public string? Bundle { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line message for a missing path or conflicting options.</summary>
    public static BenchSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        string? Existing(string name)
        {
            var path = Value(name);
            return path is null || File.Exists(path) || Directory.Exists(path) ? path : throw new ArgumentException($"{name} {path}: no such file or directory");
        }

        var run = Existing("--run");
        var tokenizer = Existing("--tokenizer");
        var bundle = Existing("--bundle");
        if (new[] { run, tokenizer, bundle }.Count(v => v is not null) > 1)
        {
            throw new ArgumentException("give at most one of --bundle, --run and --tokenizer");
        }

        return new BenchSettings(
            run,
            Existing("--texts"),
            tokenizer,
            double.Parse(Value("--seconds") ?? "5", CultureInfo.InvariantCulture),
            (Value("--concurrency") ?? "1,2,4,8,16,32,64,128").Split(',').Select(int.Parse).ToList(),
            (Value("--raw-batches") ?? "1,8,16,32,64,128").Split(',').Select(int.Parse).ToList(),
            Value("--out") ?? RepositoryRoot.Results())
        {
            Bundle = bundle ?? (run is null && tokenizer is null ? RepositoryRoot.In("models", "reference") : null),
        };
    }
}
