using Moderation.Contracts;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>Binds the columns every statement that stores a model verdict on a review sets: @family … @flagged.</summary>
    public void AddReviewParameters(NpgsqlCommand command)
    {
        command.Parameters.AddWithValue("family", FamilyLabel);
        command.Parameters.AddWithValue("family_score", FamilyScore);
        command.Parameters.AddWithValue("abuse", Scores.Abuse);
        command.Parameters.AddWithValue("sexual", Scores.Sexual);
        command.Parameters.AddWithValue("scam", Scores.Scam);
        command.Parameters.AddWithValue("spam", Scores.Spam);
        command.Parameters.AddWithValue("personal_info", Scores.PersonalInfo);
        command.Parameters.AddWithValue("model", ModelVersion);
        command.Parameters.AddWithValue("flagged", NpgsqlDbType.Array | NpgsqlDbType.Text, Flagged);
    }
}
