using Moderation.Bundles;
using Moderation.Contracts;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Turns one text's probabilities into its verdict: family = the most probable; reject if any category reaches its
/// reject threshold, else hold if any reaches its hold threshold, else allow. A verdict that left part of the
/// text unscored is held at least, so it never publishes unread text.
/// </summary>
public sealed class VerdictRules
{
    private static readonly string[] ContractCategories = ["abuse", "sexual", "scam", "spam", "personal_info"];

    private readonly IReadOnlyList<string> _families;
    private readonly int[] _categoryIndex;
    private readonly float[] _reject;
    private readonly float[] _hold;

    public VerdictRules(BundleLabels labels)
    {
        _families = labels.Families;
        _categoryIndex = new int[ContractCategories.Length];
        _reject = new float[ContractCategories.Length];
        _hold = new float[ContractCategories.Length];
        for (var c = 0; c < ContractCategories.Length; c++)
        {
            var name = ContractCategories[c];
            _categoryIndex[c] = labels.Categories.ToList().IndexOf(name);
            if (_categoryIndex[c] < 0 || !labels.Thresholds.TryGetValue(name, out var threshold))
            {
                throw new InvalidBundleException($"labels.json lacks category '{name}' or its thresholds");
            }

            _reject[c] = (float)threshold.Reject;
            _hold[c] = (float)Math.Min(threshold.Hold, threshold.Reject);
        }
    }

    /// <summary>The verdict for a text's family probabilities (softmax) and category probabilities (sigmoid).</summary>
    public ModerationVerdict Build(string id, ReadOnlySpan<float> familyProbabilities, ReadOnlySpan<float> categoryProbabilities, bool truncated)
    {
        var best = 0;
        for (var f = 1; f < familyProbabilities.Length; f++)
        {
            if (familyProbabilities[f] > familyProbabilities[best])
            {
                best = f;
            }
        }

        Span<float> scores = stackalloc float[ContractCategories.Length];
        var reject = false;
        var hold = false;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = categoryProbabilities[_categoryIndex[c]];
            reject |= scores[c] >= _reject[c];
            hold |= scores[c] >= _hold[c];
        }

        var action = reject ? ModerationAction.Reject : hold || truncated ? ModerationAction.Hold : ModerationAction.Allow;
        return new ModerationVerdict(
            id,
            new FamilyScore(_families[best], familyProbabilities[best]),
            new CategoryScores(scores[0], scores[1], scores[2], scores[3], scores[4]),
            reject,
            action,
            truncated);
    }

    /// <summary>The verdict of an item that was not scored: held for a person, with the reason.</summary>
    public static ModerationVerdict Unscored(string id, ItemError error) =>
        new(id, null, null, false, ModerationAction.Hold, false, error);
}
