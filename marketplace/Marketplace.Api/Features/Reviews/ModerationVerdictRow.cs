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
    /// <summary>
    /// The row for a scored verdict. A verdict that did not cover the whole text (<see cref="ModerationVerdict.Truncated"/>)
    /// never publishes: its allow becomes a hold, so a person reads what the model did not.
    /// </summary>
    public static ModerationVerdictRow From(string modelVersion, ModerationVerdict verdict, IReadOnlyDictionary<string, CategoryThreshold> thresholds)
    {
        if (verdict.Error is not null || verdict.Family is null || verdict.Categories is null)
        {
            throw new ArgumentException($"verdict '{verdict.Id}' was not scored ({verdict.Error?.Type}); hold it as refused instead", nameof(verdict));
        }

        var scores = ReviewScores.From(verdict.Categories);
        var action = verdict.Action == ModerationAction.Allow && !verdict.CoversWholeText ? ModerationAction.Hold : verdict.Action;
        return new ModerationVerdictRow(
            modelVersion, verdict.Family.Label, verdict.Family.Score, scores, action,
            VerdictCategories.Flagged(scores, thresholds),
            action == ModerationAction.Reject ? VerdictCategories.Rejected(scores, thresholds) : []);
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
