using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Moderation.Training.Tests.Export;

/// <summary>Runs an exported graph once with ONNX Runtime (CPU, fp32) and returns both outputs flattened.</summary>
internal static class OnnxRun
{
    /// <param name="ngrams">The n-gram inputs [rows, ngram width], for a graph with the n-gram branch.</param>
    public static (float[] Family, float[] Categories) Run(string modelPath, long[] ids, long[] mask, int rows, int width, (long[] Ids, long[] Mask, int Width)? ngrams = null)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [rows, width])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [rows, width])),
        };
        if (ngrams is { } n)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("char_ngram_ids", new DenseTensor<long>(n.Ids, [rows, n.Width])));
            inputs.Add(NamedOnnxValue.CreateFromTensor("char_ngram_mask", new DenseTensor<long>(n.Mask, [rows, n.Width])));
        }

        using var results = session.Run(inputs);
        float[] Output(string name) => results.Single(r => r.Name == name).AsTensor<float>().ToArray();
        return (Output("family_logits"), Output("category_logits"));
    }
}
