using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Cache;

/// <summary>A cache whose entries expire logically after 1 s (physically after 10 min).</summary>
public sealed class ShortLogicalTtlApiFactory() : CacheApiFactory(new Dictionary<string, string?>
{
    ["Cache:LogicalTtl"] = "00:00:01",
    ["Cache:PhysicalTtl"] = "00:10:00",
    ["Cache:RefreshLockTtl"] = "00:02:00",
});

[Collection(CacheLoadCollection.Name)]
public sealed class LogicalExpiryTests(ShortLogicalTtlApiFactory api) : IClassFixture<ShortLogicalTtlApiFactory>
{
    [Fact]
    public async Task A_hot_key_past_its_logical_expiry_is_served_stale_to_1000_readers_while_one_load_refreshes_it()
    {
        var seller = await api.NewSellerAsync();
        var id = (await seller.Client.CreateListingAsync(CatalogApi.ListingBody(title: "before"))).Id;
        var client = api.CreateClient();
        Assert.Equal("before", (await client.GetListingAsync(id)).Title);
        await api.SetTitleBehindCacheAsync(id, "after");
        // Past the logical expiry; the entry is still physically in L1 and L2.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        // While this transaction holds the table, any read of listings waits in PostgreSQL: a reader
        // that waited for the database could not finish before the lock is released below.
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(api.DatabaseName));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE listings IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        api.ListingQueries.Reset();
        var readers = Enumerable.Range(0, 1000).Select(_ => client.GetListingAsync(id)).ToArray();
        var all = Task.WhenAll(readers);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken)) != all)
        {
            Assert.Fail("Readers waited on the locked database instead of getting the stale value.");
        }

        Assert.All(await all, listing => Assert.Equal("before", listing.Title));
        // The refresh runs in the background: the stale answers can all be out before it has sent its
        // query (CI saw 0 once), so wait for it, then check no other reader started a second one.
        await WaitForQueriesAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        Assert.Equal(1, api.ListingQueries.Count);

        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        var refreshed = await client.ReadUntilAsync(id, l => l.Title == "after", TimeSpan.FromSeconds(30));

        Assert.Equal("after", refreshed.Title);
        Assert.Equal(1, api.ListingQueries.Count);
    }

    private async Task WaitForQueriesAsync(long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (api.ListingQueries.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }
}
