using Npgsql;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Hands due PENDING reviews to one worker at a time across every API instance. One statement (its own
/// transaction): rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claims skip each other's rows
/// instead of waiting, and leased by moving <c>next_attempt_at</c> past the lease, so after commit nobody else
/// sees them as due until the holder has applied a verdict, backed off, or crashed and the lease ran out.
/// </summary>
public sealed class PendingReviewClaims(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Claim = """
        UPDATE reviews r SET next_attempt_at = @lease_until
        FROM (SELECT id FROM reviews
              WHERE status = 'PENDING' AND next_attempt_at <= @now
              ORDER BY next_attempt_at
              LIMIT @limit
              FOR UPDATE SKIP LOCKED) due
        WHERE r.id = due.id
        RETURNING r.id, r.text, r.attempts, r.created_at, r.trace_parent
        """;

    private const string Backlog = "SELECT count(*), min(created_at) FROM reviews WHERE status = 'PENDING'";

    public async Task<IReadOnlyList<ClaimedReview>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + lease);
        command.Parameters.AddWithValue("limit", limit);
        var claimed = new List<ClaimedReview>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedReview(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return claimed;
    }

    /// <summary>How many reviews wait for moderation and since when the oldest has waited.</summary>
    public async Task<(long Count, DateTimeOffset? Oldest)> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Backlog);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}
