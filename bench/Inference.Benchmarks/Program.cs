using Inference.Benchmarks;
using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;
using Spectre.Console;

// Inference throughput and latency: raw ONNX Runtime session (the limit), the service with micro-batching,
// and the service with MaxBatch=1 (the naive baseline), on one model in one run. Writes bench/results/inference.{md,json}.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or DirectoryNotFoundException)
{
    await Console.Error.WriteLineAsync($"inference-bench: {e.Message}");
    return 2;
}

var machine = MachineInfo.Describe(("onnxruntime", typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version?.ToString() ?? "?"));
if (args.Contains("--lengths"))
{
    // The cost of whole-text verdicts on a served bundle (default: the shipped reference model).
    var bundle = settings.Bundle ?? RepositoryRoot.In("models", "reference");
    await LengthBench.RunAsync(bundle, BenchTexts.Load(settings.TextsFile, 1024), settings.PhaseSeconds, settings.OutDirectory, machine);
    return 0;
}

var work = Path.Combine(Path.GetTempPath(), "inference-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);

BenchModel model = null!;
AnsiConsole.Status().Start("exporting the model bundle…", _ => model = BenchModel.Create(settings, work));
AnsiConsole.MarkupLine($"[green]model[/] {Markup.Escape(model.Description)}, {model.Parameters:N0} parameters");
var texts = BenchTexts.Load(settings.TextsFile, 1024);

var options = new InferenceOptions { MaxBatch = settings.RawBatchSizes.Max() };
var runtime = new RuntimeLoader(options, new OnnxSessionFactory(options, NullLogger<OnnxSessionFactory>.Instance), NullLogger<RuntimeLoader>.Instance).Load(model.Bundle);
var rows = texts.Select(t => TextEncoder.Encode(runtime, t).Ids).ToList();
var meanTokens = rows.Average(r => r.Length);
var raw = new List<RawPhase>();
foreach (var size in settings.RawBatchSizes)
{
    var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var result = RawSessionBench.Run(runtime, rows, size, settings.PhaseSeconds);
    var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    raw.Add(new RawPhase(size, result, result.Texts / cpu));
    AnsiConsole.MarkupLine($"raw session batch {size,3}: {result.TextsPerSecond,8:F0} texts/s  {result.Texts / cpu,8:F0} texts/CPU-s");
}

runtime.Release();

var phases = new List<ServicePhase>();
foreach (var (mode, maxBatch) in new[] { ("service", 64), ("batch1", 1) })
{
    await using var host = await ServiceHost.StartAsync(model.Bundle, maxBatch);
    foreach (var concurrency in settings.Concurrency)
    {
        var before = await host.BatchSizesAsync();
        var cpuBefore = host.CpuTime();
        var (result, all) = await ServiceLoad.RunAsync(host.Address, texts, concurrency, settings.PhaseSeconds);
        var perCpu = all / (host.CpuTime() - cpuBefore).TotalSeconds;
        var after = await host.BatchSizesAsync();
        var meanBatch = (after.Sum - before.Sum) / Math.Max(1, after.Count - before.Count);
        phases.Add(new ServicePhase(mode, concurrency, result, meanBatch, perCpu));
        AnsiConsole.MarkupLine($"{mode,-7} c={concurrency,3}: {result.TextsPerSecond,8:F0} texts/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  mean batch {meanBatch:F1}  {perCpu,8:F0} texts/CPU-s");
    }
}

var paths = ReportWriter.Write(settings, machine, model, meanTokens, texts.Count, raw, phases);
AnsiConsole.MarkupLine($"[green]wrote[/] {Markup.Escape(string.Join(", ", paths))}");
Directory.Delete(work, recursive: true);
return 0;
