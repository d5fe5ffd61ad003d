using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// <c>GET /api/reservations/{id}</c> finds a pending reservation through the pointer the gate writes
/// with it (no walk over every sale), the pointer goes when the reservation is decided, and the sale
/// index drops sales whose keys have expired.
/// </summary>
public sealed class ReservationLookupTests(ReservationLookupTests.PendingApiFactory api) : IClassFixture<ReservationLookupTests.PendingApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pending_reservation_is_found_without_the_sale_index_and_only_by_its_buyer()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 2);
        var buyer = await api.NewBuyerAsync();
        var other = await api.NewBuyerAsync();
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, Ct));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        // The old lookup walked this index; without it, a pending reservation was "not found".
        await redis.GetDatabase().SetRemoveAsync(api.KeyPrefix + "flash:sales", saleId.ToString("N"));

        var found = (await buyer.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}", Ct))!;
        var stranger = await other.Client.GetAsync($"/api/reservations/{reservationId}", Ct);

        Assert.Equal((reservationId, saleId, ReservationStatus.Reserved), (found.Id, found.SaleId, found.Status));
        await ProblemAssert.IsProblemAsync(stranger, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_pointer_expires_with_the_sale_keys_and_is_deleted_when_the_reservation_is_settled()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 2);
        var buyer = await api.NewBuyerAsync();
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, Ct));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var db = redis.GetDatabase();
        var pointer = api.KeyPrefix + "flash:reservation:" + reservationId.ToString("N");
        var saleTtl = (await db.KeyTimeToLiveAsync(api.KeyPrefix + "flash:{" + saleId.ToString("N") + "}:sale"))!.Value;

        Assert.Equal(saleId.ToString("N"), (string?)await db.StringGetAsync(pointer));
        var pointerTtl = (await db.KeyTimeToLiveAsync(pointer))!.Value;
        // The pointer's TTL is the sale's as the script saw it, set a few milliseconds later (fire-and-forget, and on a
        // cluster on another node): it may outlive the sale keys by that much, never by minutes.
        Assert.InRange(pointerTtl, saleTtl - TimeSpan.FromMinutes(1), saleTtl + TimeSpan.FromSeconds(5));

        using var scope = api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReservationSettlement>().ApplyToRedisAsync(saleId, reservationId, buyer.Id,
            new ReservationDecision(ReservationStatus.Released, "test", null));

        Assert.False(await db.KeyExistsAsync(pointer));
    }

    [Fact]
    public async Task The_reconciler_drops_sales_whose_keys_expired_from_the_index_and_keeps_live_ones()
    {
        var (live, _) = await api.NewActiveSaleAsync(saleStock: 1);
        var (expired, _) = await api.NewActiveSaleAsync(saleStock: 1);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var db = redis.GetDatabase();
        var tag = api.KeyPrefix + "flash:{" + expired.ToString("N") + "}:";
        await db.KeyDeleteAsync([tag + "sale", tag + "buyers", tag + "reservations", tag + "deadlines"]);

        await api.Services.GetRequiredService<ReservationReconciler>().ReconcileOnceAsync(Ct);

        var index = (await db.SetMembersAsync(api.KeyPrefix + "flash:sales")).Select(m => (string)m!).ToList();
        Assert.Contains(live.ToString("N"), index);
        Assert.DoesNotContain(expired.ToString("N"), index);
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_another_sale_is_a_purchase_there_not_the_first_sales_answer()
    {
        var (first, _) = await api.NewActiveSaleAsync(saleStock: 1);
        var (second, _) = await api.NewActiveSaleAsync(saleStock: 1);
        var buyer = await api.NewBuyerAsync();
        var client = api.CreateClient();

        var one = await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(first, buyer.Token, "same-key"));
        var two = await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(second, buyer.Token, "same-key"));
        var replay = await FlashSaleApi.AcceptedReservationAsync(await client.PurchaseAsync(second, buyer.Token, "same-key"));

        Assert.NotEqual(one, two);
        Assert.Equal(two, replay);
        Assert.Equal(second, (await buyer.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{two}", Ct))!.SaleId);
        Assert.Equal(0, (await client.GetSaleAsync(second)).RemainingStock);
    }

    /// <summary>No OrderRequested reaches Kafka and no reconciler runs by itself: reservations stay pending.</summary>
    public sealed class PendingApiFactory : FlashSaleApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(base.ExtraSettings)
        {
            ["FlashSales:ReconcilerEnabled"] = "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IOrderRequestPublisher, DroppingPublisher>());
        }

        private sealed class DroppingPublisher : IOrderRequestPublisher
        {
            public Task PublishAsync(OrderRequested message, CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
