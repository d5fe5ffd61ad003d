using Moderation.Bundles;
using Moderation.Inference.Options;
using Moderation.Text;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Bundle directory → a runtime ready to serve: verified (sha256), loaded, signature checked, probed and warmed.
/// Any failure is a <see cref="InvalidBundleException"/> with a one-line reason, and nothing is left open.
/// </summary>
public sealed class RuntimeLoader(InferenceOptions options, OnnxSessionFactory sessions, ILogger<RuntimeLoader> logger)
{
    public ModelRuntime Load(string directory)
    {
        var bundle = BundleVerifier.Verify(directory);
        XlmrTokenizer tokenizer;
        try
        {
            tokenizer = XlmrTokenizer.Load(bundle.TokenizerPath);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new InvalidBundleException($"bundle '{bundle.Directory}': tokenizer.model does not load: {e.Message}", e);
        }

        Microsoft.ML.OnnxRuntime.InferenceSession session;
        string provider;
        try
        {
            (session, provider) = sessions.Create(bundle.ModelPath);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new InvalidBundleException($"bundle '{bundle.Directory}': model.onnx does not load: {e.Message}", e);
        }

        var runtime = new ModelRuntime(bundle, tokenizer, session, provider, Math.Min(options.MaxTokens, bundle.Labels.MaxTokens), options.MaxSegmentsPerText);
        try
        {
            runtime.ValidateSignature();
            ProbeSet.Check(runtime);
            Warm(runtime);
        }
        catch (Exception e) when (e is InvalidBundleException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            runtime.Release();
            throw e as InvalidBundleException ?? new InvalidBundleException($"bundle '{bundle.Directory}': model.onnx fails on the probe batch: {e.Message}", e);
        }

        logger.LogInformation("Bundle {Version} from {Directory} loaded on {Provider}, verified and warmed", bundle.Version, bundle.Directory, provider);
        return runtime;
    }

    // The first calls of each shape pay for kernel selection and arena growth; pay them before serving.
    private void Warm(ModelRuntime runtime)
    {
        foreach (var (rows, tokens) in new[] { (1, 8), (Math.Min(8, options.MaxBatch), 32), (options.MaxBatch, runtime.MaxTokens) })
        {
            var row = new int[tokens];
            Array.Fill(row, XlmrTokenizer.UnkId);
            row[0] = XlmrTokenizer.BosId;
            row[^1] = XlmrTokenizer.EosId;
            runtime.Run(Enumerable.Repeat(row, rows).ToList());
        }
    }
}
