using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Moderation.Training.Tests.Export;

/// <summary>Runs an exported graph once with ONNX Runtime (CPU, fp32) and returns both outputs flattened.</summary>
internal static class OnnxRun
{
    public static (float[] Family, float[] Categories) Run(string modelPath, long[] ids, long[] mask, int rows, int width)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var inputs = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [rows, width])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [rows, width])),
        };
        using var results = session.Run(inputs);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        return (Output("family_logits"), Output("category_logits"));
    }
}
