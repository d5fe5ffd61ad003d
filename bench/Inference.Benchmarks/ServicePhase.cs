namespace Inference.Benchmarks;

/// <summary>
/// One measured load level of a service configuration: wall-clock figures, the mean ONNX Runtime batch it produced,
/// and texts per CPU-second of the service process (robust to other work on a shared machine).
/// </summary>
public sealed record ServicePhase(string Mode, int Concurrency, Percentiles Result, double MeanBatch, double TextsPerCpuSecond);
