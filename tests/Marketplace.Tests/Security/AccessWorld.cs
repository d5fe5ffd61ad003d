using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Marketplace.Tests.Payments;
using Npgsql;

namespace Marketplace.Tests.Security;

/// <summary>
/// Everything one matrix cell's call may touch, made through the public API (and the Alipay sandbox)
/// as real users would: five fresh accounts, an administrator among them (so revoking one cell's tokens
/// never disturbs another's), the seller's listing and the other seller's, and, as the row needs, the
/// buyer's order taken to a stage, a flash-sale reservation and a review.
/// </summary>
public sealed record AccessWorld(
    TestUser Buyer,
    TestUser OtherBuyer,
    TestUser Seller,
    TestUser OtherSeller,
    TestUser Admin,
    Guid ListingId,
    int ListingVersion,
    Guid OtherListingId,
    Guid OrderId,
    Guid SaleId,
    Guid ReservationId,
    Guid ReviewId)
{
    public const string DeliveredSecret = "CODE-7731-XK";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TestUser? User(Identity identity) => identity switch
    {
        Identity.Anonymous => null,
        Identity.Buyer => Buyer,
        Identity.OtherBuyer => OtherBuyer,
        Identity.Seller => Seller,
        Identity.OtherSeller => OtherSeller,
        Identity.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(identity)),
    };

    public static async Task<AccessWorld> BuildAsync(PaymentsHarness harness, WorldNeeds needs)
    {
        var api = harness.Api;
        var buyer = await api.NewBuyerAsync();
        var otherBuyer = await api.NewBuyerAsync();
        var seller = await api.NewSellerAsync();
        var otherSeller = await api.NewSellerAsync();
        var admin = await NewAdminAsync(api);

        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(kind: "code", currency: "CNY", amount: 25m, stock: 10));
        var otherListing = await otherSeller.Client.CreateListingAsync(CatalogApi.ListingBody(kind: "code", currency: "CNY", amount: 30m, stock: 10));

        var orderId = Guid.Empty;
        if (needs.Order != OrderStage.None || needs.ReviewStatus is not null)
        {
            orderId = (await buyer.Client.BuyAsync(listing.Id)).Id;
        }

        if (needs.Order is OrderStage.Paid or OrderStage.Shipped || needs.ReviewStatus is not null)
        {
            await PayAsync(harness, buyer, orderId);
        }

        if (needs.Order is OrderStage.Shipped || needs.ReviewStatus is not null)
        {
            using var shipped = await seller.Client.PostAsJsonAsync(
                $"/api/orders/{orderId}/ship", new { secret = DeliveredSecret, note = "Enjoy." }, Ct);
            await ExpectAsync(shipped, HttpStatusCode.OK, "ship");
        }

        var reviewId = Guid.Empty;
        if (needs.ReviewStatus is not null)
        {
            using var submitted = await buyer.Client.PostAsJsonAsync(
                $"/api/orders/{orderId}/reviews", new { rating = 5, text = "Fast delivery, the code worked." }, Ct);
            await ExpectAsync(submitted, HttpStatusCode.Accepted, "review");
            reviewId = (await submitted.Content.ReadFromJsonAsync<SubmittedReview>(Ct))!.ReviewId;
            if (needs.ReviewStatus != ReviewStatuses.Pending)
            {
                await api.ExecuteAsync("UPDATE reviews SET status = @status WHERE id = @id",
                    new NpgsqlParameter("status", needs.ReviewStatus), new NpgsqlParameter("id", reviewId));
            }
        }

        Guid saleId = Guid.Empty, reservationId = Guid.Empty;
        if (needs.Reservation)
        {
            var now = DateTimeOffset.UtcNow;
            saleId = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(
                listing.Id, 3, now.AddSeconds(-1), now.AddMinutes(10), amount: 20m, currency: "CNY"));
            using var purchase = await api.CreateClient().PurchaseAsync(saleId, buyer.Token);
            reservationId = await FlashSaleApi.AcceptedReservationAsync(purchase);
        }

        // Purchases and sales move the listing's version; an update must send the current one.
        var version = (await buyer.Client.GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}", Ct))!.Version;
        return new AccessWorld(buyer, otherBuyer, seller, otherSeller, admin,
            listing.Id, version, otherListing.Id, orderId, saleId, reservationId, reviewId);
    }

    /// <summary>A fresh account made administrator by the seeded one, signed in after the grant.</summary>
    private static async Task<TestUser> NewAdminAsync(PaymentsApiFactory api)
    {
        var seeded = await api.AdminAsync();
        var user = await api.NewBuyerAsync();
        using var granted = await seeded.Client.PostAsJsonAsync($"/api/admin/users/{user.Id}/roles", new { role = Roles.Admin }, Ct);
        await ExpectAsync(granted, HttpStatusCode.OK, "grant admin");
        var token = (await api.CreateClient().LoginAsync(user.Email)).AccessToken;
        return user with { Token = token, Client = api.ClientWithToken(token) };
    }

    private static async Task PayAsync(PaymentsHarness harness, TestUser buyer, Guid orderId)
    {
        var pay = await PaymentsHarness.PayUrlAsync(buyer, orderId);
        await harness.OpenTradeAsync(pay);
        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(orderId.ToString("N")));
        await PaymentsHarness.WaitUntilAsync(async () => await harness.OrderStateAsync(orderId) == "PAID", TimeSpan.FromSeconds(20));
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string step)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"world set-up, {step}: {(int)response.StatusCode} {body}");
    }
}
