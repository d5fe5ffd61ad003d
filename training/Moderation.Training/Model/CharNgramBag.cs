using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Embedding bag (mean) over a row's hashed character n-grams: <c>weight</c> [buckets, D], looked up at the ids and
/// averaged over the ids the mask marks real (a row without n-grams gives zeros). Like fastText's language-ID models,
/// it sees spelling the subword vocabulary hides (script, diacritics, romanised words).
/// </summary>
public sealed class CharNgramBag : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter weight;

    public CharNgramBag(CharNgramConfig config)
        : base(nameof(CharNgramBag))
    {
        ArgumentNullException.ThrowIfNull(config);
        // fastText's initialisation, U(−1/D, 1/D): small rows, so an untrained bag barely moves the heads.
        weight = new Parameter(empty(config.Buckets, config.Dimension).uniform_(-1.0 / config.Dimension, 1.0 / config.Dimension));
        register_parameter("weight", weight);
    }

    /// <param name="ids">[B, N] int64 bucket ids, padded anywhere the mask is 0.</param>
    /// <param name="mask">[B, N], 1 for n-grams and 0 for padding.</param>
    /// <returns>[B, D].</returns>
    public override Tensor forward(Tensor ids, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var rows = ids.shape[0];
        var width = ids.shape[1];
        var embedded = weight.index_select(0, ids.reshape(-1)).reshape(rows, width, -1);   // [B, N, D]
        var valid = mask.to_type(embedded.dtype).unsqueeze(-1);                          // [B, N, 1]
        var mean = (embedded * valid).sum(1) / valid.sum(1).clamp_min(1);
        return mean.MoveToOuterDisposeScope();
    }
}
