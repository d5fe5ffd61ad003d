using Moderation.Bundles;
using Moderation.Contracts;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Turns one text's logits into its verdict: family = argmax of softmax; category scores = sigmoid; reject if any
/// category reaches its reject threshold, else hold if any reaches its hold threshold, else allow.
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

    public ModerationVerdict Build(string id, ReadOnlySpan<float> familyLogits, ReadOnlySpan<float> categoryLogits, bool truncated)
    {
        var best = 0;
        for (var f = 1; f < familyLogits.Length; f++)
        {
            if (familyLogits[f] > familyLogits[best])
            {
                best = f;
            }
        }

        // softmax(best) = 1 / Σ exp(l_f − l_best): stable, and only the winner's probability is reported.
        var sum = 0.0;
        foreach (var logit in familyLogits)
        {
            sum += Math.Exp(logit - familyLogits[best]);
        }

        Span<float> scores = stackalloc float[ContractCategories.Length];
        var reject = false;
        var hold = false;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = (float)(1.0 / (1.0 + Math.Exp(-categoryLogits[_categoryIndex[c]])));
            reject |= scores[c] >= _reject[c];
            hold |= scores[c] >= _hold[c];
        }

        var action = reject ? ModerationAction.Reject : hold ? ModerationAction.Hold : ModerationAction.Allow;
        return new ModerationVerdict(
            id,
            new FamilyScore(_families[best], (float)(1.0 / sum)),
            new CategoryScores(scores[0], scores[1], scores[2], scores[3], scores[4]),
            reject,
            action,
            truncated);
    }
}
