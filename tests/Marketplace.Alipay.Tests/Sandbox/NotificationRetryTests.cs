using System.Net;
using System.Net.Http.Json;
using Marketplace.Alipay;
using Marketplace.Alipay.Notifications;
using Marketplace.Alipay.Trades;

namespace Marketplace.Tests.Payments.Alipay.Sandbox;

/// <summary>Async notifications: signed, retried on the (compressed) schedule until the receiver says <c>success</c>.</summary>
public sealed class NotificationRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> OpenAndPayAsync(SandboxHost host, string notifyUrl, decimal amount = 42m)
    {
        var order = "o_" + Guid.NewGuid().ToString("N")[..16];
        var url = host.Client(o => o.NotifyUrl = notifyUrl).BuildPagePayUrl(new PagePayRequest(order, amount, "game key"));
        (await host.Http.GetAsync(new Uri(url), Ct)).Dispose();
        using var paid = await host.Http.PostAsync(new Uri($"/sandbox/trades/{order}/pay", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return order;
    }

    private static async Task<SandboxTradeState> TradeAsync(SandboxHost host, string order) =>
        (await host.Http.GetFromJsonAsync<SandboxTradeState>(new Uri($"/sandbox/trades/{order}", UriKind.Relative), Ct))!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("condition not reached in time; state: " + (describe is null ? "" : await describe()));
            }
            await Task.Delay(25, Ct);
        }
    }

    [Fact]
    public async Task Unanswered_notification_is_retried_and_stops_after_success()
    {
        var gaps = new[] { 100, 150, 200, 250, 300, 350, 400 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();
        // The attempt timeout sits well under the receiver's 5 s hang but far above a slow answer on a loaded
        // machine, so only the scripted hangs time out.
        await using var host = new SandboxHost(retrySchedule: gaps, attemptTimeout: TimeSpan.FromSeconds(2));
        await using var receiver = await NotifyReceiver.StartAsync("failure", "hang", "500", "hang");
        var order = await OpenAndPayAsync(host, receiver.Url);

        await WaitUntilAsync(
            async () => (await TradeAsync(host, order)).Notifications.Single().Delivered,
            TimeSpan.FromSeconds(20),
            async () => $"{receiver.Received.Count} received; " + await host.Http.GetStringAsync(new Uri($"/sandbox/trades/{order}", UriKind.Relative), Ct));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct); // longer than any remaining gap: a stray retry would show up

        var received = receiver.Received.ToArray();
        Assert.Equal(5, received.Length);
        var state = (await TradeAsync(host, order)).Notifications.Single();
        Assert.Equal(5, state.Attempts);
        Assert.Null(state.NextAttemptAt);
        Assert.Equal("success", state.LastResult);
        // Each retry waits at least its place in the schedule (after a hang, the wait starts when the attempt timed out).
        for (var i = 1; i < received.Length; i++)
        {
            Assert.True(received[i].At - received[i - 1].At >= gaps[i - 1] - TimeSpan.FromMilliseconds(15), $"retry {i} came early");
        }
        // Every attempt carries the same notification, signed and verifiable by the marketplace's verifier.
        Assert.Single(received.Select(r => r.Fields["notify_id"]).Distinct());
        var verifier = new AlipayNotificationVerifier(host.KeyRing(null, out _));
        var verified = verifier.Verify(received[^1].Fields);
        Assert.True(verified.IsValid, verified.Reason);
        Assert.Equal(order, verified.Notification!.OutTradeNo);
        Assert.Equal(TradeStatus.TradeSuccess, verified.Notification.TradeStatus);
        Assert.Equal(42m, verified.Notification.TotalAmount);
    }

    [Fact]
    public async Task Receiver_that_never_says_success_gets_one_attempt_plus_one_per_scheduled_retry()
    {
        var gaps = Enumerable.Repeat(TimeSpan.FromMilliseconds(30), 7).ToList();
        await using var host = new SandboxHost(retrySchedule: gaps);
        await using var receiver = await NotifyReceiver.StartAsync(Enumerable.Repeat("failure", 100).ToArray());
        var order = await OpenAndPayAsync(host, receiver.Url);

        await WaitUntilAsync(async () => (await TradeAsync(host, order)).Notifications.Single().GaveUp, TimeSpan.FromSeconds(20));
        await Task.Delay(300, Ct);

        Assert.Equal(8, receiver.Received.Count);
        Assert.Equal("HTTP 200: failure", (await TradeAsync(host, order)).Notifications.Single().LastResult);
    }

    [Fact]
    public async Task Full_refund_sends_a_trade_closed_notification_with_the_refund_fee()
    {
        await using var host = new SandboxHost();
        await using var receiver = await NotifyReceiver.StartAsync();
        var order = await OpenAndPayAsync(host, receiver.Url, 9.99m);
        var refund = await host.Client().RefundAsync(new RefundRequest(order, 9.99m, "refund_1"), Ct);
        Assert.True(refund.IsSuccess, refund.Error?.ToString());

        await WaitUntilAsync(() => Task.FromResult(receiver.Received.Count == 2), TimeSpan.FromSeconds(10));
        var verifier = new AlipayNotificationVerifier(host.KeyRing(null, out _));
        var closed = receiver.Received.Select(r => verifier.Verify(r.Fields)).Single(v => v.Notification?.TradeStatus == TradeStatus.TradeClosed);
        Assert.Equal(9.99m, closed.Notification!.RefundFee);
        Assert.Equal("refund_1", closed.Notification.OutBizNo);
        Assert.NotNull(closed.Notification.GmtRefund);
    }

    [Fact]
    public async Task Trades_keys_and_pending_notifications_survive_a_restart()
    {
        string order, appId, publicKey;
        var dir = Directory.CreateTempSubdirectory("alipay-sandbox-restart-").FullName;
        await using (var receiverDown = await NotifyReceiver.StartAsync(Enumerable.Repeat("failure", 100).ToArray()))
        {
            var slow = Enumerable.Repeat(TimeSpan.FromSeconds(1), 7).ToList();
            await using var first = new SandboxHost(dataDirectory: dir, retrySchedule: slow);
            order = await OpenAndPayAsync(first, receiverDown.Url);
            appId = first.AppId;
            publicKey = await File.ReadAllTextAsync(Path.Combine(dir, "alipay_public_key.pem"), Ct);
            await WaitUntilAsync(() => Task.FromResult(!receiverDown.Received.IsEmpty), TimeSpan.FromSeconds(10));
        }

        try
        {
            await using var second = new SandboxHost(dataDirectory: dir);
            Assert.Equal(appId, second.AppId);
            Assert.Equal(publicKey, await File.ReadAllTextAsync(Path.Combine(dir, "alipay_public_key.pem"), Ct));
            var query = await second.Client().QueryAsync(order, Ct);
            Assert.True(query.IsSuccess, query.Error?.ToString());
            Assert.Equal(TradeStatus.TradeSuccess, query.Value.TradeStatus);
            var n = (await TradeAsync(second, order)).Notifications.Single();
            Assert.True(n.Attempts >= 1);
            Assert.False(n.Delivered);
            Assert.NotNull(n.NextAttemptAt);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record SandboxTradeState(string OutTradeNo, string TradeStatus, List<NotificationState> Notifications);

    private sealed record NotificationState(string NotifyId, int Attempts, bool Delivered, bool GaveUp, DateTimeOffset? NextAttemptAt, string? LastResult);
}
