using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.FlashSale;

/// <summary>Sale creation, the purchase endpoint's answers, Idempotency-Key, reservations and re-priming.</summary>
public sealed class FlashSalePurchaseTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Creating_a_sale_takes_its_stock_from_the_listing()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;

        var saleId = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing.Id, 7, now, now.AddHours(1)));

        var after = (await admin.Client.GetFromJsonAsync<ListingResponse>($"/api/listings/{listing.Id}"))!;
        Assert.Equal(3, after.Stock);
        var sale = await api.CreateClient().GetSaleAsync(saleId);
        Assert.Equal((7, 7, FlashSaleStatus.Active, 1), (sale.Stock, sale.RemainingStock, sale.Status, sale.PerUserLimit));
        var tooMuch = await admin.Client.PostAsJsonAsync("/api/flash-sales", FlashSaleApi.SaleBody(listing.Id, 4, now, now.AddHours(1)));
        await ProblemAssert.IsProblemAsync(tooMuch, HttpStatusCode.Conflict, "flash-stock-short");
    }

    [Fact]
    public async Task Sale_creation_is_for_admins_and_validates_its_body()
    {
        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));
        var now = DateTimeOffset.UtcNow;
        var body = FlashSaleApi.SaleBody(listing.Id, 1, now, now.AddHours(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().PostAsJsonAsync("/api/flash-sales", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Client.PostAsJsonAsync("/api/flash-sales", body)).StatusCode);

        var admin = await api.AdminAsync();
        var invalid = await admin.Client.PostAsJsonAsync("/api/flash-sales", new
        {
            listingId = listing.Id, price = new { amount = 1.234m, currency = "USD" }, stock = 0,
            startsAt = now, endsAt = now.AddMinutes(-1), perUserLimit = 2,
        });
        await ProblemAssert.IsValidationAsync(invalid, "price.amount", "stock", "endsAt", "perUserLimit");
        var unknown = await admin.Client.PostAsJsonAsync("/api/flash-sales", FlashSaleApi.SaleBody(Guid.NewGuid(), 1, now, now.AddHours(1)));
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await api.CreateClient().GetAsync($"/api/flash-sales/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Purchase_answers_202_then_already_purchased_then_sold_out_and_the_order_appears()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 1);
        var first = await api.NewBuyerAsync();
        var second = await api.NewBuyerAsync();

        var reservationId = await FlashSaleApi.AcceptedReservationAsync(await first.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null));
        await ProblemAssert.IsProblemAsync(
            await first.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null), HttpStatusCode.Conflict, "already-purchased");
        await ProblemAssert.IsProblemAsync(
            await second.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null), HttpStatusCode.Conflict, "sold-out");

        var ledger = await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count == 1, Drain);
        Assert.Equal(reservationId, ledger.Orders.Single().ReservationId);
        var reservation = (await first.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}"))!;
        Assert.Equal((ReservationStatus.Ordered, ledger.Orders.Single().OrderId), (reservation.Status, reservation.OrderId!.Value));
        // Someone else's reservation does not exist for them.
        await ProblemAssert.IsProblemAsync(await second.Client.GetAsync($"/api/reservations/{reservationId}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Purchase_refusals_are_problem_details()
    {
        var buyer = await api.NewBuyerAsync();
        await ProblemAssert.IsProblemAsync(
            await buyer.Client.PostAsync($"/api/flash-sales/{Guid.NewGuid()}/purchase", null), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await api.CreateClient().PostAsync($"/api/flash-sales/{Guid.NewGuid()}/purchase", null)).StatusCode);

        var seller = await api.NewSellerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 5));
        var admin = await api.AdminAsync();
        var now = DateTimeOffset.UtcNow;
        var later = await admin.Client.CreateSaleAsync(FlashSaleApi.SaleBody(listing.Id, 2, now.AddHours(1), now.AddHours(2)));
        await ProblemAssert.IsProblemAsync(
            await buyer.Client.PostAsync($"/api/flash-sales/{later}/purchase", null), HttpStatusCode.UnprocessableEntity, "sale-not-active");
        Assert.Equal(FlashSaleStatus.Scheduled, (await buyer.Client.GetSaleAsync(later)).Status);

        var badKey = await buyer.Client.PurchaseAsync(later, buyer.Token, new string('k', 129));
        await ProblemAssert.IsValidationAsync(badKey, "Idempotency-Key");
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_answer()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 5);
        var buyer = await api.NewBuyerAsync();
        var client = api.CreateClient();

        var first = await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(saleId, buyer.Token, "order-1"));
        var replay = await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(saleId, buyer.Token, "order-1"));
        Assert.Equal(first, replay);
        // A new key is a new attempt, and this buyer already bought.
        await ProblemAssert.IsProblemAsync(await client.PurchaseAsync(saleId, buyer.Token, "order-2"), HttpStatusCode.Conflict, "already-purchased");
        // Keys are per user: another buyer's "order-1" is their own attempt.
        var other = await api.NewBuyerAsync();
        Assert.NotEqual(first, await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(saleId, other.Token, "order-1")));
    }

    [Fact]
    public async Task A_purchase_without_a_key_needs_no_lock_and_the_gate_still_admits_one_reservation_per_buyer()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 5);
        var buyer = await api.NewBuyerAsync();
        var purchaseLock = api.Services.GetRequiredService<UserPurchaseLock>();

        // Another purchase path of this buyer (a normal purchase, say) holds the lock: the unkeyed gate does not wait for it.
        var held = await purchaseLock.TryAcquireAsync(buyer.Id, LockOwner.New(), TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(
            await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, TestContext.Current.CancellationToken));
        Assert.NotEqual(Guid.Empty, reservationId);
        Assert.Equal(4, (await api.CreateClient().GetSaleAsync(saleId)).RemainingStock);
        await held.DisposeAsync();

        // Unkeyed and keyed at once: the sale's buyer set lets neither reserve a second unit.
        var client = api.CreateClient();
        var answers = await Task.WhenAll(
            buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, TestContext.Current.CancellationToken),
            client.PurchaseAsync(saleId, buyer.Token, "again-1"));
        foreach (var answer in answers)
        {
            await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.Conflict, "already-purchased");
        }

        Assert.Equal(4, (await api.CreateClient().GetSaleAsync(saleId)).RemainingStock);
    }

    [Fact]
    public async Task A_sale_missing_from_Redis_is_primed_again_from_PostgreSQL()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 3);
        var early = await api.NewBuyerAsync();
        await FlashSaleApi.AcceptedReservationAsync(await early.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null));
        await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count == 1 && l.PendingInRedis == 0, Drain);

        // Redis loses the sale entirely (a flush, a failover without persistence).
        var redis = await api.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync();
        var keys = new FlashSaleKeys(saleId);
        await redis.KeyDeleteAsync([keys.Sale, keys.Buyers, keys.Reservations, keys.Deadlines]);

        await ProblemAssert.IsProblemAsync(
            await early.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null), HttpStatusCode.Conflict, "already-purchased");
        var late = await api.NewBuyerAsync();
        await FlashSaleApi.AcceptedReservationAsync(await late.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null));
        var ledger = await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count == 2 && l.PendingInRedis == 0, Drain);
        Assert.Equal((1, 1), (ledger.PgStock, ledger.RedisStock));
    }

    [Fact]
    public async Task Cancelling_a_flash_order_returns_its_unit_to_PostgreSQL_and_Redis_once()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 2);
        var buyer = await api.NewBuyerAsync();
        await FlashSaleApi.AcceptedReservationAsync(await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null));
        var ordered = await SaleLedger.WaitForAsync(api, saleId, l => l.Orders.Count == 1 && l.PendingInRedis == 0, Drain);
        Assert.Equal((1, 1), (ordered.PgStock, ordered.RedisStock));

        var orderId = ordered.Orders.Single().OrderId;
        Assert.Equal(HttpStatusCode.OK, (await buyer.Client.PostAsync($"/api/orders/{orderId}/cancel", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(
            await buyer.Client.PostAsync($"/api/orders/{orderId}/cancel", null), HttpStatusCode.Conflict, "invalid-transition");

        var cancelled = await SaleLedger.ReadAsync(api, saleId);
        Assert.Equal((2, 2, 0), (cancelled.PgStock, cancelled.RedisStock, cancelled.LiveOrders));
        // One order per buyer per sale, cancelled or not.
        await ProblemAssert.IsProblemAsync(
            await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null), HttpStatusCode.Conflict, "already-purchased");
    }
}
