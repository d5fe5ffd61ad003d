namespace Moderation.Datasets.Tokenization;

/// <summary>A trained Unigram vocabulary: normal pieces with their log probabilities, best first.</summary>
public sealed record UnigramModel(IReadOnlyList<(string Piece, float Score)> Pieces);

/// <summary>Training settings. <see cref="VocabSize"/> counts every id the model sees: specials, bytes and pieces.</summary>
public sealed record UnigramTrainerOptions
{
    public int VocabSize { get; init; } = 12000;
    public double CharacterCoverage { get; init; } = 0.9995;
    public int MaxSentences { get; init; } = 40000;
    public int MaxPieceLength { get; init; } = 12;
    public int SeedSize { get; init; } = 120000;
    public double ShrinkingFactor { get; init; } = 0.75;
    public int SubIterations { get; init; } = 2;

    /// <summary>SentencePiece ids 0–2 are &lt;unk&gt; &lt;s&gt; &lt;/s&gt;, then 256 byte pieces; &lt;pad&gt; and &lt;mask&gt; live outside the model, as in XLM-R.</summary>
    public const int ReservedIds = 3 + 256 + 2;

    public int NormalPieces => VocabSize - ReservedIds;
}
