using Moderation.Text;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// Where a model's n-gram input comes from: each token row's text (as the tokenizer spells it) hashed by the shared
/// <see cref="CharNgramHasher"/>, the same function the service calls. Null for a model without the branch.
/// </summary>
public sealed class NgramSource(XlmrTokenizer tokenizer, CharNgramHasher hasher)
{
    public CharNgramHasher Hasher { get; } = hasher;

    public static NgramSource? For(XlmrConfig config, XlmrTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.CharNgrams is { } ngrams ? new NgramSource(tokenizer, new CharNgramHasher(ngrams.Buckets)) : null;
    }

    /// <summary>The n-gram batch of token rows (each with &lt;s&gt; … &lt;/s&gt;).</summary>
    public NgramBatch Batch(IEnumerable<IEnumerable<int>> rows, Device? device = null) =>
        new([.. rows.Select(r => Hasher.ForRow(tokenizer, r))], device);
}
