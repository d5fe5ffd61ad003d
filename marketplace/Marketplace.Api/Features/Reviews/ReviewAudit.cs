using Marketplace.Api.Infrastructure.Persistence;
using NpgsqlTypes;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Writes one <c>review_verdicts</c> row in the caller's transaction.</summary>
public static class ReviewAudit
{
    private const string Insert = """
        INSERT INTO review_verdicts (review_id, model_version, family_label, family_score, abuse, sexual, scam, spam,
                                     personal_info, action, source, note, actor, created_at)
        VALUES (@review, @model, @family, @family_score, @abuse, @sexual, @scam, @spam, @personal_info,
                @action, @source, @note, @actor, @now)
        """;

    public static async Task InsertAsync(
        MarketplaceDbContext db, Guid reviewId, string action, string source, string actor, DateTimeOffset now,
        CancellationToken cancellationToken, ModerationVerdictRow? model = null, string? note = null)
    {
        await using var command = await db.CommandInTransactionAsync(Insert, cancellationToken);
        command.Parameters.AddWithValue("review", reviewId);
        command.Parameters.Add(Nullable("model", NpgsqlDbType.Varchar, model?.ModelVersion));
        command.Parameters.Add(Nullable("family", NpgsqlDbType.Varchar, model?.FamilyLabel));
        command.Parameters.Add(Nullable("family_score", NpgsqlDbType.Real, model?.FamilyScore));
        command.Parameters.Add(Nullable("abuse", NpgsqlDbType.Real, model?.Scores.Abuse));
        command.Parameters.Add(Nullable("sexual", NpgsqlDbType.Real, model?.Scores.Sexual));
        command.Parameters.Add(Nullable("scam", NpgsqlDbType.Real, model?.Scores.Scam));
        command.Parameters.Add(Nullable("spam", NpgsqlDbType.Real, model?.Scores.Spam));
        command.Parameters.Add(Nullable("personal_info", NpgsqlDbType.Real, model?.Scores.PersonalInfo));
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.Add(Nullable("note", NpgsqlDbType.Varchar, note is { Length: > ReviewRules.MaxNoteLength } ? note[..ReviewRules.MaxNoteLength] : note));
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static Npgsql.NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
