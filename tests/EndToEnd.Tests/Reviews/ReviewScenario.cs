using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;

namespace EndToEnd.Tests.Reviews;

/// <summary>Shipped orders, one per review text, each with its own buyer, ready to be reviewed.</summary>
internal sealed record ReviewScenario(Session Seller, ListingView Listing, IReadOnlyList<(ReviewText Text, Session Buyer, OrderView Order)> Orders)
{
    public static async Task<ReviewScenario> ShippedAsync(Platform platform, IReadOnlyList<ReviewText> texts)
    {
        var seller = await platform.NewSellerAsync();
        var listing = await seller.CreateListingAsync(stock: texts.Count);
        var orders = await Task.WhenAll(texts.Select(async text =>
        {
            var buyer = await platform.NewBuyerAsync();
            return (text, buyer, await platform.ShippedOrderAsync(seller, buyer, listing.Id));
        }));
        return new ReviewScenario(seller, listing, orders);
    }

    public async Task<IReadOnlyList<(ReviewText Text, Session Buyer, Guid ReviewId)>> ReviewAllAsync() =>
        await Task.WhenAll(Orders.Select(async o => (o.Text, o.Buyer, await o.Buyer.ReviewAsync(o.Order.Id, o.Text.Rating, o.Text.Text))));
}
