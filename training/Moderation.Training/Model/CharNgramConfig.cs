namespace Moderation.Training.Model;

/// <summary>
/// The hashed character n-gram branch (<see cref="CharNgramBag"/>): an embedding table of <see cref="Buckets"/> rows
/// of <see cref="Dimension"/> floats, averaged over a row's 1–5-grams (<see cref="Moderation.Text.CharNgramHasher"/>)
/// and concatenated to the pooled vectors the family and category projections read. Null in
/// <see cref="XlmrConfig.CharNgrams"/>: no branch (as before). The defaults, 65,536 × 16 = 1,048,576 parameters
/// (4 MiB fp32, 2 MiB fp16), fit beside the shipped tiny encoder (7.5 MB) under the 16 MB bundle budget.
/// </summary>
public sealed record CharNgramConfig
{
    /// <summary>Rows of the hashed table (hash collisions fall as this grows). Default 65,536.</summary>
    public int Buckets { get; init; } = 65_536;

    /// <summary>Width of each n-gram embedding and of the bag vector. Default 16 (fastText's language-ID width).</summary>
    public int Dimension { get; init; } = 16;

    public void Validate()
    {
        if (Buckets < 1 || Dimension < 1)
        {
            throw new ArgumentException($"invalid model config: char n-gram buckets and dimension must be ≥ 1, got {Buckets} × {Dimension}");
        }
    }
}
