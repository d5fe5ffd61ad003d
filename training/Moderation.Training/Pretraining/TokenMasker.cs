using Moderation.Text;

namespace Moderation.Training.Pretraining;

/// <summary>
/// BERT's masking recipe over one row of token ids: each ordinary token is chosen with <see cref="Rate"/>
/// (at least one per row, so no row is wasted); a chosen token becomes <c>&lt;mask&gt;</c> 80% of the time, a random
/// ordinary piece 10%, and stays itself 10% (so the model cannot learn that only <c>&lt;mask&gt;</c> needs predicting).
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c> and padding are never chosen.
/// </summary>
public sealed class TokenMasker
{
    public TokenMasker(double rate, int maskId, int vocabularySize)
    {
        if (rate is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the mask rate must be between 0 and 1 (exclusive)");
        }

        if (maskId <= XlmrTokenizer.UnkId + 1 || vocabularySize <= maskId)
        {
            throw new ArgumentException($"mask id {maskId} must lie inside the vocabulary ({vocabularySize}) after the special ids", nameof(maskId));
        }

        Rate = rate;
        MaskId = maskId;
        VocabularySize = vocabularySize;
    }

    public double Rate { get; }
    public int MaskId { get; }
    public int VocabularySize { get; }

    /// <summary>Returns the row's inputs (with replacements) and labels (the original id where chosen, else <see cref="MaskedLanguageModel.Ignored"/>).</summary>
    public (long[] Inputs, long[] Labels) Mask(IReadOnlyList<int> ids, Random random)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(random);
        var inputs = new long[ids.Count];
        var labels = new long[ids.Count];
        Array.Fill(labels, MaskedLanguageModel.Ignored);
        var candidates = new List<int>(ids.Count);
        for (var t = 0; t < ids.Count; t++)
        {
            inputs[t] = ids[t];
            if (IsOrdinary(ids[t]))
            {
                candidates.Add(t);
            }
        }

        var chosen = candidates.Where(_ => random.NextDouble() < Rate).ToList();
        if (chosen.Count == 0 && candidates.Count > 0)
        {
            chosen.Add(candidates[random.Next(candidates.Count)]);
        }

        foreach (var t in chosen)
        {
            labels[t] = ids[t];
            var draw = random.NextDouble();
            if (draw < 0.8)
            {
                inputs[t] = MaskId;
            }
            else if (draw < 0.9)
            {
                inputs[t] = random.Next(XlmrTokenizer.UnkId + 1, MaskId);
            }
        }

        return (inputs, labels);
    }

    private bool IsOrdinary(int id) => id is not (XlmrTokenizer.BosId or XlmrTokenizer.PadId or XlmrTokenizer.EosId) && id != MaskId;
}
