using System.Net;
using Marketplace.Tests.Infrastructure;
using StackExchange.Redis;

namespace Marketplace.Tests.Cache;

[Collection(CacheLoadCollection.Name)]
public sealed class BloomPenetrationTests(CacheApiFactory api) : IClassFixture<CacheApiFactory>
{
    [Fact]
    public async Task Ten_thousand_reads_of_missing_ids_never_reach_the_database()
    {
        var seller = await api.NewSellerAsync();
        var existing = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            existing.Add((await seller.Client.CreateListingAsync(CatalogApi.ListingBody(title: $"real {i}"))).Id);
        }

        await api.RebuildBloomFiltersAsync();
        var client = api.CreateClient();
        api.ListingQueries.Reset();

        var statuses = new HttpStatusCode[10_000];
        await Parallel.ForAsync(0, statuses.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            statuses[i] = (await client.GetAsync($"/api/listings/{Guid.NewGuid()}", ct)).StatusCode);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(0, api.ListingQueries.Count);

        // The filter has no false negatives, and the counter does see reads that pass it.
        foreach (var id in existing)
        {
            Assert.Equal(id, (await client.GetListingAsync(id)).Id);
        }

        Assert.Equal(existing.Count, api.ListingQueries.Count);
    }
}
