using System.Security.Cryptography;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>The notify endpoint's rules: refused notifications change nothing but are audited; copies apply once.</summary>
public sealed class NotificationRulesTests(PaymentsHarness harness) : IClassFixture<PaymentsHarness>
{
    private SignedNotifications Notifications => new(harness.SandboxDirectory, harness.AppId);

    private async Task<Purchase> PendingWithPaymentAsync()
    {
        var purchase = await harness.PurchaseAsync(amount: 19.99m);
        await PaymentsHarness.PayUrlAsync(purchase.Buyer, purchase.Order.Id);
        return purchase;
    }

    private async Task<long> AuditCountAsync(string outTradeNo, string verdict) =>
        await harness.Api.ScalarAsync("SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND verdict = @v",
            new NpgsqlParameter("o", outTradeNo), new NpgsqlParameter("v", verdict));

    public static TheoryData<string> Refusals => ["forged signature", "wrong app id", "wrong amount", "unknown order", "tampered field"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_notification_answers_failure_changes_nothing_and_is_audited(string attack)
    {
        var purchase = await PendingWithPaymentAsync();
        var outTradeNo = attack == "unknown order" ? Guid.NewGuid().ToString("N") : purchase.OutTradeNo;
        var fields = Notifications.Paid(outTradeNo, attack == "wrong amount" ? 0.01m : 19.99m, attack == "wrong app id" ? "2021009999999999" : null);
        Dictionary<string, string> sent;
        if (attack == "forged signature")
        {
            using var other = RSA.Create(2048);
            sent = SignedNotifications.SignWith(fields, other);
        }
        else
        {
            sent = Notifications.Sign(fields);
            if (attack == "tampered field")
            {
                sent["total_amount"] = "0.01";
            }
        }

        Assert.Equal("failure", await harness.NotifyAsync(sent));

        Assert.Equal("PENDING_PAYMENT", await harness.OrderStateAsync(purchase.Order.Id));
        Assert.Equal(1, await AuditCountAsync(outTradeNo, "REFUSED"));
        Assert.Equal(0, await harness.Api.ScalarAsync("SELECT count(*) FROM order_history WHERE order_id = @id AND to_state = 'PAID'",
            new NpgsqlParameter("id", purchase.Order.Id)));
        Assert.Equal(1, await harness.Api.ScalarAsync("SELECT count(*) FROM payment_notifications WHERE out_trade_no = @o AND fields ->> 'sign' = @s",
            new NpgsqlParameter("o", outTradeNo), new NpgsqlParameter("s", sent["sign"])));
    }

    [Fact]
    public async Task A_form_without_a_signature_or_not_form_encoded_is_failure()
    {
        Assert.Equal("failure", await harness.NotifyAsync(new Dictionary<string, string> { ["out_trade_no"] = "x" }));
        using var client = harness.Api.CreateClient();
        using var json = await client.PostAsync("/api/payments/alipay/notify",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal("failure", await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Fifty_concurrent_copies_and_replays_of_a_notification_make_one_transition()
    {
        var purchase = await PendingWithPaymentAsync();
        var original = Notifications.Sign(Notifications.Paid(purchase.OutTradeNo, 19.99m));
        // 50 identical copies and 50 replays re-signed with later notify times (Alipay resends with new notify ids).
        var copies = Enumerable.Range(0, 50).Select(_ => original)
            .Concat(Enumerable.Range(0, 50).Select(_ =>
            {
                var replay = new Dictionary<string, string>(original) { ["notify_id"] = Guid.NewGuid().ToString("N") };
                return Notifications.Sign(replay);
            }))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();

        var answers = await Task.WhenAll(copies.Select(c => Task.Run(() => harness.NotifyAsync(c))));

        Assert.All(answers, a => Assert.Equal("success", a));
        Assert.Equal("PAID", await harness.OrderStateAsync(purchase.Order.Id));
        Assert.Equal(1, await harness.Api.ScalarAsync("SELECT count(*) FROM order_history WHERE order_id = @id AND to_state = 'PAID'",
            new NpgsqlParameter("id", purchase.Order.Id)));
        Assert.Equal(2, await harness.Api.ScalarAsync("SELECT version FROM orders WHERE id = @id", new NpgsqlParameter("id", purchase.Order.Id)));
        Assert.Equal(1, await AuditCountAsync(purchase.OutTradeNo, "APPLIED"));
        Assert.Equal(99, await AuditCountAsync(purchase.OutTradeNo, "ALREADY_APPLIED"));

        // A late, reordered WAIT_BUYER_PAY status changes nothing either.
        var stale = Notifications.Sign(Notifications.Paid(purchase.OutTradeNo, 19.99m, status: "WAIT_BUYER_PAY"));
        Assert.Equal("success", await harness.NotifyAsync(stale));
        Assert.Equal("PAID", await harness.OrderStateAsync(purchase.Order.Id));
        Assert.Equal(1, await AuditCountAsync(purchase.OutTradeNo, "IGNORED"));
    }
}
