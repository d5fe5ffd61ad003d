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
        ModerationVerdictRow.AddParameters(command, model);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.Add(ModerationVerdictRow.Nullable("note", NpgsqlDbType.Varchar, note is { Length: > ReviewRules.MaxNoteLength } ? note[..ReviewRules.MaxNoteLength] : note));
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
