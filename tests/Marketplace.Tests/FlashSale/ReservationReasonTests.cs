using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// <c>GET /api/reservations/{id}</c> says why a RELEASED reservation got no order: the code stored with the
/// decision and a sentence for the buyer; pending and ordered ones carry no reason.
/// </summary>
public sealed class ReservationReasonTests(ReservationLookupTests.PendingApiFactory api) : IClassFixture<ReservationLookupTests.PendingApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reservation_the_reconciler_releases_after_the_sale_says_sale_ended()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 2);
        var buyer = await api.NewBuyerAsync();
        var reservationId = await FlashSaleApi.AcceptedReservationAsync(await buyer.Client.PostAsync($"/api/flash-sales/{saleId}/purchase", null, Ct));
        var pending = (await buyer.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}", Ct))!;
        // The sale ended long ago (past the release grace) and the reservation's deadline has passed: the reconciler releases it.
        await api.ScalarAsync("UPDATE flash_sales SET starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours' WHERE id = @id",
            new NpgsqlParameter("id", saleId));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        await redis.GetDatabase().SortedSetAddAsync(api.KeyPrefix + "flash:{" + saleId.ToString("N") + "}:deadlines", reservationId.ToString("N"), 0);

        await api.Services.GetRequiredService<ReservationReconciler>().ReconcileOnceAsync(Ct);
        var released = (await buyer.Client.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{reservationId}", Ct))!;

        Assert.Equal((ReservationStatus.Reserved, null), (pending.Status, pending.Reason));
        Assert.Equal(ReservationStatus.Released, released.Status);
        Assert.Null(released.OrderId);
        Assert.Equal(ReservationDecision.SaleEnded, released.Reason!.Code);
        Assert.Contains("sale ended", released.Reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_stored_reason_is_its_code_with_a_sentence_of_its_own_as_json()
    {
        var (saleId, _) = await api.NewActiveSaleAsync(saleStock: 1);
        var buyer = await api.NewBuyerAsync();
        var messages = new List<string>();
        foreach (var code in new[] { ReservationDecision.SaleEnded, ReservationDecision.SoldOut, ReservationDecision.DuplicateBuyer, "made-up" })
        {
            var id = Guid.NewGuid();
            await api.ScalarAsync("""
                INSERT INTO flash_reservations (id, sale_id, user_id, status, order_id, reason, reserved_at, decided_at)
                VALUES (@id, @sale, @user, 'RELEASED', NULL, @reason, now(), now())
                """, new NpgsqlParameter("id", id), new NpgsqlParameter("sale", saleId), new NpgsqlParameter("user", buyer.Id),
                new NpgsqlParameter("reason", code));

            using var response = await buyer.Client.GetAsync($"/api/reservations/{id}", Ct);
            var reason = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("reason");

            Assert.Equal(code, reason.GetProperty("code").GetString());
            messages.Add(reason.GetProperty("message").GetString()!);
        }

        Assert.Equal(4, messages.Distinct().Count());
        Assert.All(messages, m => Assert.EndsWith(".", m, StringComparison.Ordinal));
    }
}
