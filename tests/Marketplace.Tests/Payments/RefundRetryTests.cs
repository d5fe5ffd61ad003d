using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Features.Payments;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>
/// The payments harness with a small attempt bound (3) and long back-offs (10 s, doubling), the retrier's own timer
/// idle: tests sweep by hand and move a refund's next attempt to now when they want it due.
/// </summary>
public sealed class BoundedRefundsHarness() : PaymentsHarness(new Dictionary<string, string?>
{
    ["Payments:RefundRetryInterval"] = "01:00:00",
    ["Payments:RefundMaxAttempts"] = "3",
    ["Payments:RefundRetryBaseDelay"] = "00:00:10",
    ["Payments:RefundRetryMaxDelay"] = "01:00:00",
});

/// <summary>Refund retries back off per refund, end in GAVE_UP after the bound, and given-up refunds reach admins.</summary>
public sealed class RefundRetryTests(BoundedRefundsHarness harness) : IClassFixture<BoundedRefundsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refund_the_gateway_cannot_take_backs_off_gives_up_after_the_bound_and_is_listed_for_admins_only()
    {
        var purchase = await PaidAsync();
        using var counter = new RefundCounter(harness.Api.Services);
        var retrier = harness.Service<RefundRetrier>();
        harness.Gateway.Down();

        // The buyer's own attempt is the first: outcome unknown, so 202 and a back-off of 10 s · [0.5, 1).
        var asked = await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal((1, "PENDING"), await AttemptsAsync(purchase.Order.Id));
        Assert.InRange(await SecondsToNextAttemptAsync(purchase.Order.Id), 4.5, 10);

        // Not due yet: a sweep does not touch it.
        var calls = harness.Gateway.Calls;
        Assert.Equal(0, await retrier.SweepOnceAsync(Ct));
        Assert.Equal(calls, harness.Gateway.Calls);
        Assert.Equal((1, "PENDING"), await AttemptsAsync(purchase.Order.Id));

        // Due: tried again, and the next wait doubles (20 s · [0.5, 1)).
        await MakeDueAsync(purchase.Order.Id);
        await retrier.SweepOnceAsync(Ct);
        Assert.True(harness.Gateway.Calls > calls);
        Assert.Equal((2, "PENDING"), await AttemptsAsync(purchase.Order.Id));
        Assert.InRange(await SecondsToNextAttemptAsync(purchase.Order.Id), 9.5, 20);

        // The third failed attempt is the bound: GAVE_UP, counted, and never tried again.
        await MakeDueAsync(purchase.Order.Id);
        await retrier.SweepOnceAsync(Ct);
        Assert.Equal((3, "GAVE_UP"), await AttemptsAsync(purchase.Order.Id));
        Assert.Equal(1, counter.GaveUp(RefundReasons.BuyerRequest));
        await MakeDueAsync(purchase.Order.Id);
        calls = harness.Gateway.Calls;
        await retrier.SweepOnceAsync(Ct);
        Assert.Equal(calls, harness.Gateway.Calls);
        Assert.Equal("PAID", await harness.OrderStateAsync(purchase.Order.Id));

        // Admins see it, with why and how often; nobody else may look.
        var admin = await harness.Api.AdminAsync();
        var listed = Assert.Single((await GivenUpAsync(admin)).Items, r => r.OrderId == purchase.Order.Id);
        Assert.Equal((Refund.OutRequestNoFor(purchase.Order.Id), RefundReasons.BuyerRequest, 3, 19.99m),
            (listed.OutRequestNo, listed.Reason, listed.Attempts, listed.Amount));
        Assert.Contains("unreachable", listed.LastError, StringComparison.Ordinal);
        Assert.NotNull(listed.GaveUpAt);
        Assert.Equal(HttpStatusCode.Forbidden, (await purchase.Buyer.Client.GetAsync("/api/admin/refunds/given-up", Ct)).StatusCode);
        using (var anonymous = harness.Api.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/refunds/given-up", Ct)).StatusCode);
        }

        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/refunds/given-up?pageSize=0", Ct), "pageSize");

        // Once the gateway is back, the buyer asking again re-opens the same refund, which now succeeds.
        harness.Gateway.Up();
        var again = await purchase.Buyer.Client.PostAsync($"/api/orders/{purchase.Order.Id}/refund", null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("REFUNDED", (await again.Content.ReadFromJsonAsync<OrderResponse>(Ct))!.State);
        Assert.Single((await harness.TradeAsync(purchase.OutTradeNo)).Refunds);
        Assert.DoesNotContain((await GivenUpAsync(admin)).Items, r => r.OrderId == purchase.Order.Id);
    }

    [Fact]
    public async Task Money_owed_for_a_cancelled_order_that_the_gateway_refuses_for_good_is_given_up_at_once_not_retried_forever()
    {
        // A cancelled order and a refund owed for it whose trade the gateway does not know (refused for good).
        var purchase = await harness.PurchaseAsync();
        Assert.Equal(HttpStatusCode.OK, (await purchase.Buyer.Client.CancelAsync(purchase.Order.Id)).StatusCode);
        await harness.Api.ExecuteAsync("""
            INSERT INTO refunds (out_request_no, order_id, out_trade_no, amount, reason, status, attempts, created_at)
            VALUES (@no, @id, @trade, 19.99, 'PAID_AFTER_CANCEL', 'PENDING', 0, now())
            """,
            new NpgsqlParameter("no", Refund.OutRequestNoFor(purchase.Order.Id)), new NpgsqlParameter("id", purchase.Order.Id),
            new NpgsqlParameter("trade", purchase.OutTradeNo));
        using var counter = new RefundCounter(harness.Api.Services);

        await harness.Service<RefundRetrier>().SweepOnceAsync(Ct);

        Assert.Equal((1, "GAVE_UP"), await AttemptsAsync(purchase.Order.Id));
        Assert.Equal(1, counter.GaveUp(RefundReasons.PaidAfterCancel));
        Assert.Equal("CANCELLED", await harness.OrderStateAsync(purchase.Order.Id));
        var listed = Assert.Single((await GivenUpAsync(await harness.Api.AdminAsync())).Items, r => r.OrderId == purchase.Order.Id);
        Assert.Equal(RefundReasons.PaidAfterCancel, listed.Reason);
        Assert.Contains("TRADE_NOT_EXIST", listed.LastError, StringComparison.Ordinal);
    }

    private async Task<Purchase> PaidAsync()
    {
        var purchase = await harness.PurchaseAsync();
        var pay = await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);
        await harness.OpenTradeAsync(pay);
        Assert.Equal(HttpStatusCode.OK, await harness.SandboxPayAsync(pay.OutTradeNo));
        await PaymentsHarness.WaitUntilAsync(async () => await harness.OrderStateAsync(purchase.Order.Id) == "PAID", TimeSpan.FromSeconds(15));
        return purchase;
    }

    private static async Task<GivenUpRefundPage> GivenUpAsync(TestUser admin) =>
        (await admin.Client.GetFromJsonAsync<GivenUpRefundPage>("/api/admin/refunds/given-up?pageSize=100", Ct))!;

    private async Task<(long Attempts, string Status)> AttemptsAsync(Guid orderId) =>
        (await harness.Api.ScalarAsync("SELECT attempts FROM refunds WHERE order_id = @id", new NpgsqlParameter("id", orderId)),
         (await harness.Api.ScalarTextAsync("SELECT status FROM refunds WHERE order_id = @id", orderId))!);

    private async Task<double> SecondsToNextAttemptAsync(Guid orderId) =>
        await harness.Api.ScalarAsync("SELECT (extract(epoch FROM next_attempt_at - now()) * 1000)::bigint FROM refunds WHERE order_id = @id",
            new NpgsqlParameter("id", orderId)) / 1000.0;

    private Task MakeDueAsync(Guid orderId) =>
        harness.Api.ExecuteAsync("UPDATE refunds SET next_attempt_at = now() - interval '1 second' WHERE order_id = @id", new NpgsqlParameter("id", orderId));
}
