using Moderation.Text;
using Moderation.Training.Pretraining;

namespace Moderation.Training.Tests.Pretraining;

public sealed class TokenMaskerTests
{
    private const int Vocabulary = 1000;
    private const int MaskId = Vocabulary - 1;

    [Fact]
    public void Special_tokens_are_never_chosen_and_unchosen_positions_are_not_labelled()
    {
        var masker = new TokenMasker(0.5, MaskId, Vocabulary);
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            int[] row = [XlmrTokenizer.BosId, .. Enumerable.Range(0, 20).Select(_ => random.Next(4, MaskId)), XlmrTokenizer.EosId];
            var (inputs, labels) = masker.Mask(row, random);
            Assert.Equal(XlmrTokenizer.BosId, inputs[0]);
            Assert.Equal(XlmrTokenizer.EosId, inputs[^1]);
            Assert.Equal(MaskedLanguageModel.Ignored, labels[0]);
            Assert.Equal(MaskedLanguageModel.Ignored, labels[^1]);
            for (var t = 0; t < row.Length; t++)
            {
                // A labelled position carries the original id; an unlabelled one keeps its input.
                Assert.True(labels[t] == MaskedLanguageModel.Ignored ? inputs[t] == row[t] : labels[t] == row[t]);
            }
        }
    }

    [Fact]
    public void About_the_rate_is_chosen_and_split_80_10_10()
    {
        var masker = new TokenMasker(0.15, MaskId, Vocabulary);
        var random = new Random(11);
        long tokens = 0, chosen = 0, masked = 0, kept = 0;
        for (var i = 0; i < 2000; i++)
        {
            int[] row = [XlmrTokenizer.BosId, .. Enumerable.Range(0, 30).Select(_ => random.Next(4, MaskId)), XlmrTokenizer.EosId];
            var (inputs, labels) = masker.Mask(row, random);
            for (var t = 1; t < row.Length - 1; t++)
            {
                tokens++;
                if (labels[t] == MaskedLanguageModel.Ignored)
                {
                    continue;
                }

                chosen++;
                masked += inputs[t] == MaskId ? 1 : 0;
                kept += inputs[t] == row[t] ? 1 : 0;
            }
        }

        Assert.InRange(chosen / (double)tokens, 0.14, 0.16);
        Assert.InRange(masked / (double)chosen, 0.78, 0.82);
        // "Kept" also counts the rare random draw of the same id (1 in ~1,000).
        Assert.InRange(kept / (double)chosen, 0.085, 0.115);
    }

    [Fact]
    public void A_row_with_one_ordinary_token_always_predicts_it()
    {
        var masker = new TokenMasker(0.01, MaskId, Vocabulary);
        var random = new Random(5);
        for (var i = 0; i < 50; i++)
        {
            var (_, labels) = masker.Mask([XlmrTokenizer.BosId, 42, XlmrTokenizer.EosId], random);
            Assert.Equal(42, labels[1]);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_rate_outside_0_1_is_refused(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenMasker(rate, MaskId, Vocabulary));
}
