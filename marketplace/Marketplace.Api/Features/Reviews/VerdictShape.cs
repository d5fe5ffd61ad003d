using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Whether a verdict the service sent can be applied at all. A scored verdict (no <see cref="ModerationVerdict.Error"/>)
/// must carry a known action, a language family and five scores, each a probability; anything else is malformed: a
/// broken or mismatched service, not something about the text that a retry of the same call would change for sure.
/// </summary>
public static class VerdictShape
{
    /// <summary>Why <paramref name="verdict"/> is malformed, or null when it can be applied.</summary>
    public static string? Problem(ModerationVerdict verdict)
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

        return null;
    }
}
