using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Taxonomy;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Turns one text's probabilities into its decision: family = the most probable; reject if any category reaches its
/// reject threshold, else hold if any reaches its hold threshold, else allow. A verdict that left part of the
/// text unscored is held at least, so it never publishes unread text. The decision names the categories that
/// flagged and rejected the text and the thresholds applied to it, so no client has to re-derive them.
/// </summary>
public sealed class VerdictRules
{
    private readonly string _modelVersion;
    private readonly IReadOnlyList<string> _families;
    private readonly int[] _categoryIndex;
    private readonly float[] _reject;
    private readonly float[] _hold;
    private readonly IReadOnlyDictionary<string, CategoryThreshold> _applied;

    public VerdictRules(BundleLabels labels, string modelVersion)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _modelVersion = modelVersion;
        _families = labels.Families;
        _categoryIndex = new int[Categories.All.Count];
        _reject = new float[Categories.All.Count];
        _hold = new float[Categories.All.Count];
        var applied = new Dictionary<string, CategoryThreshold>(StringComparer.Ordinal);
        for (var c = 0; c < Categories.All.Count; c++)
        {
            var name = Categories.All[c];
            _categoryIndex[c] = labels.Categories.ToList().IndexOf(name);
            if (_categoryIndex[c] < 0 || !labels.Thresholds.TryGetValue(name, out var threshold))
            {
                throw new InvalidBundleException($"labels.json lacks category '{name}' or its thresholds");
            }

            _reject[c] = (float)threshold.Reject;
            _hold[c] = (float)Math.Min(threshold.Hold, threshold.Reject);
            applied[name] = threshold with { Hold = Math.Min(threshold.Hold, threshold.Reject) };
        }

        // One bundle applies the same thresholds to every text; the contract carries them per text regardless.
        _applied = applied;
    }

    /// <summary>The decision for a text's family probabilities (softmax) and category probabilities (sigmoid).</summary>
    public ModerationDecision Decide(string id, ReadOnlySpan<float> familyProbabilities, ReadOnlySpan<float> categoryProbabilities, bool truncated)
    {
        var best = 0;
        for (var f = 1; f < familyProbabilities.Length; f++)
        {
            if (familyProbabilities[f] > familyProbabilities[best])
            {
                best = f;
            }
        }

        Span<float> scores = stackalloc float[Categories.All.Count];
        var flagged = new List<string>();
        var rejecting = new List<string>();
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = categoryProbabilities[_categoryIndex[c]];
            if (scores[c] >= _hold[c])
            {
                flagged.Add(Categories.All[c]);
            }

            if (scores[c] >= _reject[c])
            {
                rejecting.Add(Categories.All[c]);
            }
        }

        var action = rejecting.Count > 0 ? ModerationAction.Reject : flagged.Count > 0 || truncated ? ModerationAction.Hold : ModerationAction.Allow;
        return new ModerationDecision(
            id,
            _modelVersion,
            new FamilyScore(_families[best], familyProbabilities[best]),
            new CategoryScores(scores[0], scores[1], scores[2], scores[3], scores[4]),
            action,
            flagged,
            rejecting,
            _applied,
            truncated);
    }

    /// <summary>The decision on an item that was not scored: held for a person, with the reason.</summary>
    public ModerationDecision Unscored(string id, ItemError error) =>
        new(id, _modelVersion, null, null, ModerationAction.Hold, [], [], null, false, error);
}
