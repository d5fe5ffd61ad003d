using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>The model's part of a verdict as stored: version, language family and scores, with the explaining categories.</summary>
public sealed record ModerationVerdictRow(
    string ModelVersion,
    string FamilyLabel,
    float FamilyScore,
    ReviewScores Scores,
    ModerationAction Action,
    string[] Flagged,
    string[] Rejected)
{
    public static ModerationVerdictRow From(string modelVersion, ModerationVerdict verdict, IReadOnlyDictionary<string, CategoryThreshold> thresholds)
    {
        var scores = ReviewScores.From(verdict.Categories);
        return new ModerationVerdictRow(
            modelVersion, verdict.Family.Label, verdict.Family.Score, scores, verdict.Action,
            VerdictCategories.Flagged(scores, thresholds),
            verdict.Action == ModerationAction.Reject ? VerdictCategories.Rejected(scores, thresholds) : []);
    }
}
