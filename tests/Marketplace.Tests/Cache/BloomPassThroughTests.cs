using System.Net;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Marketplace.Tests.Cache;

/// <summary>
/// The API whose rebuilder builds the filters once at start-up and then leaves them alone for the test's length,
/// so a test can take a filter away and know it stays away.
/// </summary>
public sealed class NoBloomRecheckApiFactory() : CacheApiFactory(new Dictionary<string, string?>
{
    ["Cache:BloomCheckInterval"] = "01:00:00",
});

[Collection(CacheLoadCollection.Name)]
public sealed class BloomPassThroughTests(NoBloomRecheckApiFactory api) : IClassFixture<NoBloomRecheckApiFactory>
{
    [Fact]
    public async Task A_missing_id_that_passes_the_filter_is_remembered_as_absent()
    {
        // The start-up rebuild runs in the background: let it finish, or it would complete the filter mid-test.
        var filters = api.Services.GetRequiredService<BloomFilters>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Task.WhenAll(filters.All.Select(f => f.IsReadyAsync()))).All(ready => ready))
        {
            Assert.True(DateTime.UtcNow < deadline, "the start-up bloom rebuild did not finish");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        // Without a complete filter in Redis every id passes (nothing may be wrongly rejected).
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis))
        {
            foreach (var key in await api.RedisKeysAsync())
            {
                if (key.Contains("cache:bloom:{listing:", StringComparison.Ordinal) && key.EndsWith(":ready", StringComparison.Ordinal))
                {
                    await redis.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }

        var client = api.CreateClient();
        var missing = Guid.NewGuid();
        api.ListingQueries.Reset();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/listings/{missing}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(1, api.ListingQueries.Count);
    }
}
