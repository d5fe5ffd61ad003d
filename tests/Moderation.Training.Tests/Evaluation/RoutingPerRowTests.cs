using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Evaluation;

/// <summary>The per-row routing counts evaluation sums per language add up to the batch counts, row by row.</summary>
public sealed class RoutingPerRowTests
{
    [Fact]
    public void Per_row_counts_sum_to_the_batch_and_cover_each_rows_tokens()
    {
        // Capacity factor 4 = experts: nothing is dropped, so every real token has exactly one kept slot (top-1).
        using var model = TestModels.Build(TestModels.Tiny(capacityFactor: 4.0));
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8, 9, 10], [11, 12], [13, 14, 15, 16]);
        using (no_grad())
        {
            using var output = model.forward(ids, mask, null);
            var stats = Assert.Single(output.Routing);
            var perRow = stats.TokensPerExpertPerRow!;
            Assert.Equal(3, perRow.Length);
            for (var e = 0; e < stats.TokensPerExpert.Length; e++)
            {
                Assert.Equal(stats.TokensPerExpert[e], perRow.Sum(r => r[e]));
            }

            // Rows hold 6, 2 and 4 tokens plus <s> and </s>.
            Assert.Equal([8L, 4L, 6L], perRow.Select(r => r.Sum()));
        }
    }
}
