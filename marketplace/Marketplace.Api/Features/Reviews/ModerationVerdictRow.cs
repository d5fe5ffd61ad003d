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

    /// <summary>
    /// The one place the model's columns are bound, for the review and for its audit row alike: @model, @family,
    /// @family_score and the five scores @abuse … @personal_info; all null when <paramref name="row"/> is null
    /// (a decision made without the model).
    /// </summary>
    public static void AddParameters(NpgsqlCommand command, ModerationVerdictRow? row)
    {
        command.Parameters.Add(Nullable("model", NpgsqlDbType.Varchar, row?.ModelVersion));
        command.Parameters.Add(Nullable("family", NpgsqlDbType.Varchar, row?.FamilyLabel));
        command.Parameters.Add(Nullable("family_score", NpgsqlDbType.Real, row?.FamilyScore));
        command.Parameters.Add(Nullable("abuse", NpgsqlDbType.Real, row?.Scores.Abuse));
        command.Parameters.Add(Nullable("sexual", NpgsqlDbType.Real, row?.Scores.Sexual));
        command.Parameters.Add(Nullable("scam", NpgsqlDbType.Real, row?.Scores.Scam));
        command.Parameters.Add(Nullable("spam", NpgsqlDbType.Real, row?.Scores.Spam));
        command.Parameters.Add(Nullable("personal_info", NpgsqlDbType.Real, row?.Scores.PersonalInfo));
    }

    /// <summary>A typed parameter that is SQL NULL for a null value (an untyped null cannot be bound).</summary>
    internal static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
