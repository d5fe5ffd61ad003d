using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Inference.Benchmarks;

/// <summary>Writes bench/results/inference.md (tables and the targets) and inference.json (the figures).</summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Write(BenchSettings settings, IReadOnlyDictionary<string, string> machine, BenchModel model, double meanTokens,
        int textCount, IReadOnlyList<RawPhase> raw, IReadOnlyList<ServicePhase> phases)
    {
        var bestRaw = raw.MaxBy(r => r.Result.TextsPerSecond)!;
        ServicePhase? At(string mode, int c) => phases.FirstOrDefault(p => p.Mode == mode && p.Concurrency == c);
        var service64 = At("service", 64);
        var batch64 = At("batch1", 64);
        var service1 = At("service", 1);
        var vsRaw = service64 is null ? double.NaN : service64.Result.TextsPerSecond / bestRaw.Result.TextsPerSecond;
        var vsBatch1 = service64 is null || batch64 is null ? double.NaN : service64.Result.TextsPerSecond / batch64.Result.TextsPerSecond;
        var bestRawCpu = raw.MaxBy(r => r.TextsPerCpuSecond)!;
        var cpuVsRaw = service64 is null ? double.NaN : service64.TextsPerCpuSecond / bestRawCpu.TextsPerCpuSecond;
        var cpuVsBatch1 = service64 is null || batch64 is null ? double.NaN : service64.TextsPerCpuSecond / batch64.TextsPerCpuSecond;
        var loadAfter = MachineInfo.LoadAverage();

        var json = new JsonObject
        {
            ["service_tps_c64"] = Round(service64?.Result.TextsPerSecond),
            ["raw_tps"] = Round(bestRaw.Result.TextsPerSecond),
            ["raw_best_batch"] = bestRaw.BatchSize,
            ["batch1_tps_c64"] = Round(batch64?.Result.TextsPerSecond),
            ["p50_ms_c1"] = Round(service1?.Result.P50Ms, 3),
            ["p99_ms_c64"] = Round(service64?.Result.P99Ms, 3),
            ["service_over_raw_c64"] = Round(vsRaw, 3),
            ["service_over_batch1_c64"] = Round(vsBatch1, 3),
            ["raw_texts_per_cpu_s"] = Round(bestRawCpu.TextsPerCpuSecond),
            ["service_texts_per_cpu_s_c64"] = Round(service64?.TextsPerCpuSecond),
            ["batch1_texts_per_cpu_s_c64"] = Round(batch64?.TextsPerCpuSecond),
            ["service_over_raw_per_cpu_c64"] = Round(cpuVsRaw, 3),
            ["service_over_batch1_per_cpu_c64"] = Round(cpuVsBatch1, 3),
            ["target_service_over_raw_0_70_met"] = vsRaw >= 0.70,
            ["target_service_over_batch1_3x_met"] = vsBatch1 >= 3.0,
            ["parameters"] = model.Parameters,
            ["model"] = model.Description,
            ["model_config"] = JsonNode.Parse(model.Config),
            ["texts"] = textCount,
            ["mean_tokens_per_text"] = Round(meanTokens, 1),
            ["texts_per_request"] = 1,
            ["phase_seconds"] = settings.PhaseSeconds,
            ["machine"] = new JsonObject(machine.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["load_average_after"] = loadAfter,
            ["raw"] = new JsonArray([.. raw.Select(r => (JsonNode)new JsonObject
            {
                ["batch_size"] = r.BatchSize, ["tps"] = Round(r.Result.TextsPerSecond), ["p50_batch_ms"] = Round(r.Result.P50Ms, 3), ["p99_batch_ms"] = Round(r.Result.P99Ms, 3), ["texts_per_cpu_s"] = Round(r.TextsPerCpuSecond),
            })]),
            ["service"] = new JsonArray([.. phases.Select(p => (JsonNode)new JsonObject
            {
                ["mode"] = p.Mode, ["concurrency"] = p.Concurrency, ["tps"] = Round(p.Result.TextsPerSecond),
                ["p50_ms"] = Round(p.Result.P50Ms, 3), ["p99_ms"] = Round(p.Result.P99Ms, 3), ["mean_batch"] = Round(p.MeanBatch, 2), ["requests"] = p.Result.Texts, ["texts_per_cpu_s"] = Round(p.TextsPerCpuSecond),
            })]),
        };


        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# Inference service benchmark").AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project bench/Inference.Benchmarks` (a load generator, not a timed test).").AppendLine();
        md.AppendLine("## Setup").AppendLine();
        md.AppendLine(inv, $"- Machine: {machine["cpu"]}, {machine["logical_cores"]} logical cores (shared with other work), load average (1/5/15 min) {machine["load_average_1_5_15"]} at the start and {loadAfter} at the end; {machine["os"]}; {machine["dotnet"]}; ONNX Runtime {machine["onnxruntime"]}, CPU execution provider.");
        md.AppendLine(inv, $"- Model: {model.Description}; {model.Parameters:N0} parameters.");
        md.AppendLine(inv, $"- Texts: {textCount} reviews ({(settings.TextsFile is null ? "built-in multilingual set" : settings.TextsFile)}), {meanTokens:F1} tokens on average after truncation; one text per request.");
        md.AppendLine(inv, $"- Each phase runs {settings.PhaseSeconds:F0} s after a 1 s warm-up; closed loop (each client sends its next request when the last one is answered). The service runs in its own process (`dotnet Moderation.Inference.dll`), the load generator in the benchmark's; they share the cores.");
        md.AppendLine("- **texts/CPU-s**: texts answered per CPU-second used by the service process (raw: by the benchmark process during the phase). On a machine shared with other work, wall-clock texts/s mostly measures how much CPU the phase happened to get; texts per CPU-second measures the work each design spends per text, and is the fairer comparison here.");
        md.AppendLine("- **Raw session** (the limit): the service's ONNX Runtime session (same options: all graph optimisations, intra-op threads = cores) called directly on pre-tokenized texts in length-sorted batches: no HTTP, queue or tokenization.");
        md.AppendLine("- **Service**: the real service over HTTP on loopback, micro-batching with MaxBatch 64 and MaxWait 2 ms.");
        md.AppendLine("- **Batch-1 serving** (the naive baseline): the same service with MaxBatch 1, so each text is its own ONNX Runtime call.").AppendLine();
        md.AppendLine("## Raw ONNX Runtime session").AppendLine();
        md.AppendLine("| batch | texts/s | texts/CPU-s | p50 per batch (ms) | p99 per batch (ms) |").AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var r in raw)
        {
            md.AppendLine(inv, $"| {r.BatchSize} | {r.Result.TextsPerSecond:F0} | {r.TextsPerCpuSecond:F0} | {r.Result.P50Ms:F2} | {r.Result.P99Ms:F2} |");
        }

        md.AppendLine().AppendLine("## Service vs batch-1 serving").AppendLine();
        md.AppendLine("| concurrency | service texts/s | texts/CPU-s | p50 (ms) | p99 (ms) | mean batch | batch-1 texts/s | texts/CPU-s | p50 (ms) | p99 (ms) |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in settings.Concurrency)
        {
            var s = At("service", c);
            var b = At("batch1", c);
            md.AppendLine(inv, $"| {c} | {s?.Result.TextsPerSecond:F0} | {s?.TextsPerCpuSecond:F0} | {s?.Result.P50Ms:F2} | {s?.Result.P99Ms:F2} | {s?.MeanBatch:F1} | {b?.Result.TextsPerSecond:F0} | {b?.TextsPerCpuSecond:F0} | {b?.Result.P50Ms:F2} | {b?.Result.P99Ms:F2} |");
        }

        md.AppendLine().AppendLine("## Targets").AppendLine();
        md.AppendLine(inv, $"- Service at concurrency 64 vs the raw session's best ({bestRaw.BatchSize}-text batches, {bestRaw.Result.TextsPerSecond:F0} texts/s): **{vsRaw:P0}** (target ≥ 70%: {(vsRaw >= 0.70 ? "met" : "not met")}).");
        md.AppendLine(inv, $"- Service vs batch-1 serving at concurrency 64: **{vsBatch1:F1}×** (target ≥ 3×: {(vsBatch1 >= 3 ? "met" : "not met")}).");
        md.AppendLine(inv, $"- Per CPU-second: service at 64 vs raw best ({bestRawCpu.TextsPerCpuSecond:F0} texts/CPU-s at batch {bestRawCpu.BatchSize}): **{cpuVsRaw:P0}** ({(cpuVsRaw >= 0.70 ? "met" : "not met")}); vs batch-1 serving: **{cpuVsBatch1:F1}×** ({(cpuVsBatch1 >= 3 ? "met" : "not met")}).");
        var raw1 = raw.FirstOrDefault(r => r.BatchSize == 1);
        if (raw1 is not null)
        {
            var ceiling = bestRawCpu.TextsPerCpuSecond / raw1.TextsPerCpuSecond;
            md.AppendLine(inv, $"- How much batching can save at all: the raw session's best batch does {ceiling:F2}× the texts per CPU-second of batch 1. Micro-batching amortises the per-call cost, so on CPU its gain over batch-1 serving is bounded by this ratio (the per-request HTTP and tokenization work is the same in both); a ≥ 3× gain needs a per-call cost that dominates the per-text compute, as on a GPU.");
        }

        md.AppendLine(inv, $"- p50 at concurrency 1: {service1?.Result.P50Ms:F2} ms; p99 at concurrency 64: {service64?.Result.P99Ms:F2} ms.");
        return ResultFiles.Write(settings.OutDirectory, "inference", json, md.ToString());
    }

    private static JsonNode? Round(double? value, int digits = 0) =>
        value is null || double.IsNaN(value.Value) ? null : JsonValue.Create(Math.Round(value.Value, digits));
}
