using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Cache.Benchmarks;

/// <summary>
/// Runs <see cref="ReadLatencyBenchmarks"/> with BenchmarkDotNet in this process (the in-process
/// emit toolchain: the benchmarks use the services and data this run set up).
/// </summary>
public static class LatencyRun
{
    public static IReadOnlyDictionary<string, LatencyResult> Run()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10))
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "cache-bench-artifacts"));
        var summary = BenchmarkRunner.Run<ReadLatencyBenchmarks>(config);
        var results = new Dictionary<string, LatencyResult>(StringComparer.Ordinal);
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var stats = report.ResultStatistics
                ?? throw new InvalidOperationException($"Benchmark {name} produced no result; see the log above.");
            var label = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            results[name] = new LatencyResult(label, stats.Mean, stats.Median, stats.StandardDeviation,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
        }

        return results;
    }
}
