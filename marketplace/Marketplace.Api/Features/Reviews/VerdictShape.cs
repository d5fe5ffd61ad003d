using Moderation.Contracts;
using Moderation.Taxonomy;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Whether a verdict the service sent can be applied at all. A scored verdict (no <see cref="ModerationDecision.Error"/>)
/// must carry a known action, a language family, five scores, each a probability, its model version, and the flagged
/// and rejecting categories by their taxonomy names, a reject naming at least one; anything else is malformed: a
/// broken or mismatched service, not something about the text that a retry of the same call would change for sure.
/// </summary>
public static class VerdictShape
{
    /// <summary>Why <paramref name="verdict"/> is malformed, or null when it can be applied.</summary>
    public static string? Problem(ModerationDecision verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!Enum.IsDefined(verdict.Action))
        {
            return $"unknown action {(int)verdict.Action}";
        }

        if (verdict.Family is null || string.IsNullOrWhiteSpace(verdict.Family.Label))
        {
            return "no language family";
        }

        if (verdict.Categories is null)
        {
            return "no category scores";
        }

        var scores = ReviewScores.From(verdict.Categories).ByCategory().Append(("family", verdict.Family.Score));
        foreach (var (category, score) in scores)
        {
            if (!float.IsFinite(score) || score is < 0 or > 1)
            {
                return $"score {category} = {score} is not a probability";
            }
        }

        if (string.IsNullOrWhiteSpace(verdict.ModelVersion))
        {
            return "no model version";
        }

        if (verdict.Flagged is null || verdict.Rejecting is null)
        {
            return "no flagged or rejecting categories";
        }

        var named = verdict.Flagged.Concat(verdict.Rejecting).ToList();
        if (named.Exists(c => c is null || !Categories.IsKnown(c)))
        {
            return $"unknown category among [{string.Join(", ", named)}]";
        }

        return verdict.Action == ModerationAction.Reject && verdict.Rejecting.Count == 0 ? "a reject that names no rejecting category" : null;
    }
}
