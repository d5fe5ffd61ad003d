using Microsoft.ML.OnnxRuntime;
using Moderation.Inference.Options;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Creates the one ONNX Runtime session of a bundle: all graph optimisations, intra-op threads for the machine,
/// memory pattern and arena on, and the CUDA execution provider when asked for and present (else CPU, logged).
/// </summary>
public sealed class OnnxSessionFactory(InferenceOptions options, ILogger<OnnxSessionFactory> logger)
{
    public (InferenceSession Session, string Provider) Create(string modelPath)
    {
        if (options.UseCuda)
        {
            try
            {
                using var cudaOptions = BaseOptions();
                cudaOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
                return (new InferenceSession(modelPath, cudaOptions), "CUDA");
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                // The CPU package has no CUDA provider, and the Gpu one fails without CUDA/cuDNN: serve on CPU.
                logger.LogWarning("CUDA execution provider unavailable ({Reason}); falling back to CPU", e.Message);
            }
        }

        using var cpuOptions = BaseOptions();
        return (new InferenceSession(modelPath, cpuOptions), "CPU");
    }

    private Microsoft.ML.OnnxRuntime.SessionOptions BaseOptions()
    {
        var session = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount,
            // One batch runs at a time (the micro-batcher is the single caller), so inter-op threads would idle.
            InterOpNumThreads = 1,
            EnableMemoryPattern = true,
            EnableCpuMemArena = true,
        };
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return session;
    }
}
