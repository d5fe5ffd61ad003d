using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Text;

namespace EndToEnd.Tests.Model;

/// <summary>
/// Per-category thresholds placed between the trained model's scores on the review texts: abuse rejects, scam, spam
/// and personal information hold for a person, sexual never fires (no text carries it). Each cut sits halfway
/// between the lowest score of the texts labelled with the category and the highest of the others, so the service's
/// verdicts give a mix of allow, hold and reject with a wide margin either side of every threshold.
/// </summary>
public static class ThresholdPlacement
{
    /// <summary>Below this gap the model has not separated the texts well enough for a stable verdict.</summary>
    public const double MinimumMargin = 0.02;

    public static IReadOnlyDictionary<string, CategoryThreshold> Place(IReadOnlyList<ReviewText> texts, IReadOnlyList<float[]> scores)
    {
        var thresholds = new Dictionary<string, CategoryThreshold>();
        for (var c = 0; c < Categories.All.Count; c++)
        {
            var category = Categories.All[c];
            var positive = texts.Select((t, i) => (t, i)).Where(x => x.t.Categories.Contains(category)).Select(x => (double)scores[x.i][c]).ToList();
            if (positive.Count == 0)
            {
                thresholds[category] = new CategoryThreshold(1.0, 1.0);
                continue;
            }

            var negative = texts.Select((t, i) => (t, i)).Where(x => !x.t.Categories.Contains(category)).Select(x => (double)scores[x.i][c]).ToList();
            var (low, high) = (positive.Min(), negative.Max());
            if (low - high < MinimumMargin)
            {
                throw new InvalidOperationException(
                    $"the test model did not separate '{category}': lowest labelled score {low:F4}, highest other {high:F4}; train longer or change the seed");
            }

            var cut = (low + high) / 2;
            thresholds[category] = category == Categories.Abuse ? new CategoryThreshold(cut, cut) : new CategoryThreshold(1.0, cut);
        }

        return thresholds;
    }
}
