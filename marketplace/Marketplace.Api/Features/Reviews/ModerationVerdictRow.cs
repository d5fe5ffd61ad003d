using Moderation.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The model's part of a verdict as stored: version, language family and scores, with the categories the service
/// named as flagging and rejecting the text (the verdict's own decision; nothing here re-derives it).
/// </summary>
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
    /// The row for a scored verdict (checked by <see cref="VerdictShape"/>). A verdict that did not cover the whole text
    /// (<see cref="ModerationDecision.Truncated"/>) never publishes: its allow becomes a hold, so a person reads what the
    /// model did not. This defence stays here even though the service holds such verdicts itself.
    /// </summary>
    public static ModerationVerdictRow From(ModerationDecision verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Error is not null || verdict.Family is null || verdict.Categories is null)
        {
            throw new ArgumentException($"verdict '{verdict.Id}' was not scored ({verdict.Error?.Type}); hold it as refused instead", nameof(verdict));
        }

        var action = verdict.Action == ModerationAction.Allow && !verdict.CoversWholeText ? ModerationAction.Hold : verdict.Action;
        return new ModerationVerdictRow(
            verdict.ModelVersion, verdict.Family.Label, verdict.Family.Score, ReviewScores.From(verdict.Categories), action,
            [.. verdict.Flagged],
            action == ModerationAction.Reject ? [.. verdict.Rejecting] : []);
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
