using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Export;

/// <summary>
/// Reads a model's parameters by their (Hugging Face) names as float32 arrays for ONNX initializers. Linear weights
/// come out transposed, [in, out], so the graph multiplies with MatMul(x, W) like nn.functional.linear does.
/// </summary>
internal sealed class ModelWeights
{
    private readonly Dictionary<string, Tensor> state;

    public ModelWeights(ModerationModel model)
    {
        state = model.state_dict();
    }

    public (float[] Values, long[] Dims) Raw(string name)
    {
        var tensor = Get(name);
        using var data = tensor.detach().cpu().to(ScalarType.Float32).contiguous();
        return (data.data<float>().ToArray(), data.shape);
    }

    /// <summary>A linear layer's weight [out, in] as [in, out].</summary>
    public (float[] Values, long[] Dims) Transposed(string name)
    {
        var tensor = Get(name);
        if (tensor.dim() != 2)
        {
            throw new InvalidOperationException($"'{name}' is not a matrix");
        }

        using var data = tensor.detach().cpu().to(ScalarType.Float32).t().contiguous();
        return (data.data<float>().ToArray(), data.shape);
    }

    private Tensor Get(string name) =>
        state.TryGetValue(name, out var tensor) ? tensor : throw new InvalidOperationException($"the model has no parameter '{name}'");
}
