using EndToEnd.Tests.Harness;
using Npgsql;

namespace EndToEnd.Tests.Reviews;

/// <summary>What the marketplace's database holds about reviews: failed attempts and the audit of model verdicts.</summary>
internal static class ReviewLedger
{
    public static Task<long> FewestAttemptsAsync(this PlatformStores stores, IReadOnlyList<Guid> reviewIds) =>
        stores.CountAsync("SELECT coalesce(min(attempts), 0) FROM reviews WHERE id = ANY(@ids)", new NpgsqlParameter("ids", reviewIds.ToArray()));

    public static Task<long> ReviewCountAsync(this PlatformStores stores, IReadOnlyList<Guid> reviewIds) =>
        stores.CountAsync("SELECT count(*) FROM reviews WHERE id = ANY(@ids)", new NpgsqlParameter("ids", reviewIds.ToArray()));

    /// <summary>Model verdicts stored per review (the audit table), keyed by review id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> VerdictCountsAsync(this PlatformStores stores, IReadOnlyList<Guid> reviewIds)
    {
        var rows = await stores.QueryAsync(
            "SELECT r.id, count(v.id) FROM reviews r LEFT JOIN review_verdicts v ON v.review_id = r.id WHERE r.id = ANY(@ids) GROUP BY r.id",
            reader => (reader.GetGuid(0), reader.GetInt64(1)),
            new NpgsqlParameter("ids", reviewIds.ToArray()));
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }
}
