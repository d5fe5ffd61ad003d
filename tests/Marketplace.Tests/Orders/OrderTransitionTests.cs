using Marketplace.Api.Domain;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Orders;

/// <summary><see cref="OrderTransitions"/> and <see cref="OrderCreation"/> against the real database.</summary>
public sealed class OrderTransitionTests(OrdersApiFactory api) : IClassFixture<OrdersApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_eight_racing_identical_transitions_exactly_one_wins()
    {
        var order = await NewOrderAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => InTransactionAsync(async (db, transitions) =>
            await transitions.TryTransitionAsync(db, order.Id, OrderState.PendingPayment, OrderState.Paid, "test", "race", Ct)), Ct)));

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal((OrderState.PendingPayment, OrderState.Paid, 2), (winner!.From, winner.To, winner.Version));
        var history = await api.WithDbAsync(db => db.OrderHistory.Where(h => h.OrderId == order.Id).ToListAsync(Ct));
        Assert.Single(history, h => h.ToState == OrderState.Paid);
    }

    [Fact]
    public async Task A_stale_expected_version_loses_and_changes_nothing()
    {
        var order = await NewOrderAsync();

        var stale = await InTransactionAsync((db, transitions) => transitions.TryTransitionAsync(
            db, order.Id, OrderState.PendingPayment, OrderState.Paid, "test", "stale", Ct, expectedVersion: 7));
        var current = await InTransactionAsync((db, transitions) => transitions.TryTransitionAsync(
            db, order.Id, OrderState.PendingPayment, OrderState.Paid, "test", "current", Ct, expectedVersion: 1));

        Assert.Null(stale);
        Assert.NotNull(current);
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_before_touching_the_row()
    {
        var order = await NewOrderAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => InTransactionAsync((db, transitions) =>
            transitions.TryTransitionAsync(db, order.Id, OrderState.PendingPayment, OrderState.Shipped, "test", "skip", Ct)));
        Assert.Equal(OrderState.PendingPayment, (await api.WithDbAsync(db => db.Orders.SingleAsync(o => o.Id == order.Id, Ct))).State);
    }

    [Fact]
    public async Task A_second_order_for_the_same_buyer_and_flash_sale_or_reservation_is_refused_without_aborting_the_transaction()
    {
        var (buyer, listing) = await BuyerAndListingAsync();
        var sale = Guid.NewGuid();
        var first = await CreateAsync(new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price, OrderActors.FlashSale,
            FlashSaleId: sale, ReservationId: Guid.NewGuid()));
        Assert.NotNull(first);

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var creation = scope.ServiceProvider.GetRequiredService<OrderCreation>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var sameSale = await creation.TryCreateAsync(db, new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price,
            OrderActors.FlashSale, FlashSaleId: sale, ReservationId: Guid.NewGuid()), Ct);
        var sameReservation = await creation.TryCreateAsync(db, new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price,
            OrderActors.FlashSale, FlashSaleId: Guid.NewGuid(), ReservationId: first!.ReservationId), Ct);
        var otherSale = await creation.TryCreateAsync(db, new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price,
            OrderActors.FlashSale, FlashSaleId: Guid.NewGuid(), ReservationId: Guid.NewGuid()), Ct);
        await transaction.CommitAsync(Ct);

        Assert.Null(sameSale);
        Assert.Null(sameReservation);
        Assert.NotNull(otherSale);
        Assert.Equal(2, await api.WithDbAsync(d => d.Orders.CountAsync(o => o.BuyerId == buyer, Ct)));
        Assert.Equal(2, await api.WithDbAsync(d => d.OrderHistory.CountAsync(h => h.Actor == OrderActors.FlashSale
            && d.Orders.Any(o => o.Id == h.OrderId && o.BuyerId == buyer), Ct)));
    }

    [Fact]
    public async Task A_flash_order_without_a_flash_stock_return_is_not_cancelled()
    {
        var (buyer, listing) = await BuyerAndListingAsync();
        var order = await CreateAsync(new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price, OrderActors.FlashSale,
            FlashSaleId: Guid.NewGuid(), ReservationId: Guid.NewGuid()));
        var stockBefore = await api.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id).Select(l => l.Stock).SingleAsync(Ct));

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var cancellation = scope.ServiceProvider.GetRequiredService<OrderCancellation>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                cancellation.CancelInTransactionAsync(db, order!.Id, OrderActors.Timeout, "test", Ct));
        }

        Assert.Equal(OrderState.PendingPayment, (await api.WithDbAsync(db => db.Orders.SingleAsync(o => o.Id == order!.Id, Ct))).State);
        Assert.Equal(stockBefore, await api.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id).Select(l => l.Stock).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Transitions_and_creation_refuse_to_run_outside_a_transaction()
    {
        var order = await NewOrderAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var transitions = scope.ServiceProvider.GetRequiredService<OrderTransitions>();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            transitions.TryTransitionAsync(db, order.Id, OrderState.PendingPayment, OrderState.Paid, "test", "no tx", Ct));
    }

    private async Task<Order> NewOrderAsync()
    {
        var (buyer, listing) = await BuyerAndListingAsync();
        return (await CreateAsync(new NewOrder(buyer, listing.SellerId, listing.Id, 1, listing.Price, OrderActors.Buyer(buyer))))!;
    }

    private async Task<(Guid Buyer, Api.Features.Catalog.Listing Listing)> BuyerAndListingAsync()
    {
        var seller = await api.NewSellerAsync();
        var buyer = await api.NewBuyerAsync();
        var created = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(stock: 10));
        var listing = await api.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == created.Id, Ct));
        Assert.Equal(Money.Create(19.99m, "USD"), listing.Price);
        return (buyer.Id, listing);
    }

    private Task<Order?> CreateAsync(NewOrder order) =>
        InTransactionAsync((db, _) => api.Services.GetRequiredService<OrderCreation>().TryCreateAsync(db, order, Ct));

    private async Task<T> InTransactionAsync<T>(Func<MarketplaceDbContext, OrderTransitions, Task<T>> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var result = await work(db, scope.ServiceProvider.GetRequiredService<OrderTransitions>());
        await transaction.CommitAsync(Ct);
        return result;
    }
}
