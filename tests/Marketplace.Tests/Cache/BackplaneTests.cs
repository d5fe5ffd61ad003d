using System.Net;
using System.Net.Http.Json;
using Marketplace.Tests.Infrastructure;
using ZiggyCreatures.Caching.Fusion.Events;

namespace Marketplace.Tests.Cache;

/// <summary>Entries stay logically fresh for 5 min: only the backplane can make a peer drop one sooner.</summary>
public sealed class LongLogicalTtlApiFactory() : CacheApiFactory(new Dictionary<string, string?>
{
    ["Cache:LogicalTtl"] = "00:05:00",
    ["Cache:PhysicalTtl"] = "00:30:00",
});

public sealed class BackplaneTests(LongLogicalTtlApiFactory api) : IClassFixture<LongLogicalTtlApiFactory>
{
    private static readonly TimeSpan DocumentedBound = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task An_update_through_one_instance_is_visible_through_the_other_after_the_backplane_message()
    {
        await using var peer = await api.StartPeerAsync();
        var seller = await api.NewSellerAsync();
        var created = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(title: "v1"));
        var key = "listing:" + created.Id.ToString("N");
        var onA = api.CreateClient();
        var onB = peer.CreateClient();
        Assert.Equal("v1", (await onA.GetListingAsync(created.Id)).Title);
        Assert.Equal("v1", (await onB.GetListingAsync(created.Id)).Title);

        var evicted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<FusionCacheBackplaneMessageEventArgs> onMessage = (_, e) =>
        {
            if (e.Message.CacheKey == key)
            {
                evicted.TrySetResult();
            }
        };
        peer.Fusion.Events.Backplane.MessageReceived += onMessage;
        var updatedAt = DateTime.UtcNow;
        var update = await seller.Client.PutAsJsonAsync($"/api/listings/{created.Id}",
            CatalogApi.WithVersion(CatalogApi.ListingBody(title: "v2"), created.Version), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        // Until the message arrives B may still answer v1, never anything else.
        while (!evicted.Task.IsCompleted && DateTime.UtcNow - updatedAt < TimeSpan.FromSeconds(30))
        {
            Assert.Contains((await onB.GetListingAsync(created.Id)).Title, new[] { "v1", "v2" });
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(evicted.Task.IsCompleted, "B never received the backplane message for the listing");
        var seen = await onB.ReadUntilAsync(created.Id, l => l.Title == "v2", TimeSpan.FromSeconds(5));
        peer.Fusion.Events.Backplane.MessageReceived -= onMessage;

        Assert.Equal("v2", seen.Title);
        Assert.True(DateTime.UtcNow - updatedAt < DocumentedBound,
            "B served the old value for longer than the documented bound (the logical TTL)");
    }
}
