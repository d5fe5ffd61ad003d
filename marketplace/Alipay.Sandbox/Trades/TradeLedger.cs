using Alipay.Sandbox.Gateway;
using Alipay.Sandbox.Keys;
using Alipay.Sandbox.Notifications;
using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Microsoft.Extensions.Options;

namespace Alipay.Sandbox.Trades;

/// <summary>
/// The trade state machine: WAIT_BUYER_PAY → TRADE_SUCCESS (paid) or TRADE_CLOSED (closed, expired);
/// TRADE_SUCCESS → TRADE_CLOSED once fully refunded. Each operation is one step under the store's lock,
/// and answers with the fields Alipay returns for it.
/// </summary>
public sealed class TradeLedger(TradeStore store, SandboxKeys keys, NotificationFactory notifications, IOptions<SandboxOptions> options, TimeProvider time)
{
    public (SandboxTrade? Trade, GatewayError? Error) OpenForPagePay(GatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outTradeNo = request.BizText("out_trade_no");
        if (outTradeNo is null || outTradeNo.Length > 64 || !outTradeNo.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return (null, Invalid("out_trade_no 缺失或格式错误"));
        if (!AlipayMoney.TryParse(request.BizText("total_amount"), out var amount) || !AlipayMoney.IsPayable(amount))
            return (null, Invalid("total_amount 缺失或格式错误"));
        if (request.BizText("subject") is not { Length: <= 256 } subject)
            return (null, Invalid("subject 缺失或过长"));
        if (request.BizText("product_code") != AlipayClient.ProductCode)
            return (null, Invalid("product_code 必须为 FAST_INSTANT_TRADE_PAY"));
        var now = time.GetUtcNow();
        DateTimeOffset? expires = null;
        if (request.BizText("timeout_express") is { } te)
        {
            if (!TimeoutExpress.TryParse(te, out var span)) return (null, Invalid("timeout_express 格式错误"));
            expires = now + span;
        }
        if (request.BizText("time_expire") is { } tx)
        {
            if (!AlipayTime.TryParse(tx, out var at)) return (null, Invalid("time_expire 格式错误"));
            expires = expires is { } e && e < at ? e : at;
        }
        var notifyUrl = request.Param("notify_url");
        if (notifyUrl is not null && !IsHttpUrl(notifyUrl)) return (null, Invalid("notify_url 不是合法的 URL"));
        var returnUrl = request.Param("return_url");
        if (returnUrl is not null && !IsHttpUrl(returnUrl)) return (null, Invalid("return_url 不是合法的 URL"));

        return store.Update<(SandboxTrade?, GatewayError?)>(trades =>
        {
            if (trades.TryGetValue(outTradeNo, out var existing))
            {
                var changed = Expire(existing, now);
                return existing.Status switch
                {
                    TradeStatus.WaitBuyerPay when existing.TotalAmount == amount && existing.Subject == subject => ((existing, null), changed),
                    TradeStatus.WaitBuyerPay => ((null, GatewayError.Business(AlipaySubCodes.ContextInconsistent, "交易信息被篡改")), changed),
                    TradeStatus.TradeClosed => ((null, GatewayError.Business(AlipaySubCodes.TradeHasClose, "交易已经关闭")), changed),
                    _ => ((null, GatewayError.Business(AlipaySubCodes.TradeHasSuccess, "交易已被支付")), changed),
                };
            }
            var trade = new SandboxTrade
            {
                OutTradeNo = outTradeNo,
                TradeNo = TradeNumbers.NewTradeNo(now),
                AppId = keys.AppId,
                Subject = subject,
                Body = request.BizText("body"),
                TotalAmount = amount,
                CreatedAt = now,
                ExpiresAt = expires,
                NotifyUrl = notifyUrl,
                ReturnUrl = returnUrl,
                PassbackParams = request.BizText("passback_params"),
            };
            trades[outTradeNo] = trade;
            return ((trade, null), true);
        });
    }

    public (Dictionary<string, string>? Fields, GatewayError? Error) Query(GatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasTradeReference(request))
        {
            return (null, Invalid("out_trade_no 和 trade_no 不能同时为空"));
        }
        var now = time.GetUtcNow();
        return store.Update<(Dictionary<string, string>?, GatewayError?)>(trades =>
        {
            if (Find(trades, request) is not { } trade)
            {
                return ((null, NotExist()), false);
            }
            var changed = Expire(trade, now);
            var paid = trade.PaidAt is not null;
            var fields = Identity(trade);
            fields["trade_status"] = trade.Status.ToText();
            fields["total_amount"] = AlipayMoney.ToText(trade.TotalAmount);
            fields["buyer_pay_amount"] = AlipayMoney.ToText(paid ? trade.TotalAmount : 0m);
            fields["receipt_amount"] = AlipayMoney.ToText(paid ? trade.TotalAmount : 0m);
            fields["point_amount"] = "0.00";
            fields["invoice_amount"] = AlipayMoney.ToText(paid ? trade.TotalAmount : 0m);
            if (trade.PaidAt is { } paidAt)
            {
                fields["send_pay_date"] = AlipayTime.ToText(paidAt);
                fields["buyer_logon_id"] = trade.BuyerLogonId ?? "";
                fields["buyer_user_id"] = trade.BuyerId ?? "";
            }
            return ((fields, null), changed);
        });
    }

    public (Dictionary<string, string>? Fields, GatewayError? Error) Close(GatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasTradeReference(request))
        {
            return (null, Invalid("out_trade_no 和 trade_no 不能同时为空"));
        }
        var now = time.GetUtcNow();
        return store.Update<(Dictionary<string, string>?, GatewayError?)>(trades =>
        {
            if (Find(trades, request) is not { } trade)
            {
                return ((null, NotExist()), false);
            }
            var changed = Expire(trade, now);
            if (trade.Status != TradeStatus.WaitBuyerPay)
            {
                return ((null, GatewayError.Business(AlipaySubCodes.TradeStatusError, $"交易状态不合法: {trade.Status.ToText()}")), changed);
            }
            trade.Status = TradeStatus.TradeClosed;
            trade.ClosedAt = now;
            return ((Identity(trade), null), true);
        });
    }

    public (Dictionary<string, string>? Fields, GatewayError? Error) Refund(GatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasTradeReference(request))
        {
            return (null, Invalid("out_trade_no 和 trade_no 不能同时为空"));
        }
        if (!AlipayMoney.TryParse(request.BizText("refund_amount"), out var amount) || !AlipayMoney.IsPayable(amount))
        {
            return (null, Invalid("refund_amount 缺失或格式错误"));
        }
        var outRequestNo = request.BizText("out_request_no") ?? request.BizText("out_trade_no") ?? request.BizText("trade_no") ?? "";
        if (outRequestNo.Length > 64)
        {
            return (null, Invalid("out_request_no 过长"));
        }
        var now = time.GetUtcNow();
        var outcome = store.Update<(Dictionary<string, string>?, GatewayError?)>(trades =>
        {
            if (Find(trades, request) is not { } trade)
            {
                return ((null, NotExist()), false);
            }
            var changed = Expire(trade, now);
            if (trade.Refunds.FirstOrDefault(r => r.OutRequestNo == outRequestNo) is { } earlier)
            {
                // A repeated out_request_no is the merchant retrying: answer again, move no money.
                return earlier.Amount == amount
                    ? ((RefundFields(trade, earlier, fundChange: false), null), changed)
                    : ((null, GatewayError.Business(AlipaySubCodes.ContextInconsistent, "同一退款请求号的退款金额不一致")), changed);
            }
            if (trade.Status == TradeStatus.WaitBuyerPay)
            {
                return ((null, GatewayError.Business(AlipaySubCodes.TradeStatusError, "交易未支付")), changed);
            }
            if (trade.Status == TradeStatus.TradeClosed)
            {
                return ((null, GatewayError.Business(AlipaySubCodes.TradeHasClose, "交易已经关闭")), changed);
            }
            if (trade.Status == TradeStatus.TradeFinished)
            {
                return ((null, GatewayError.Business("ACQ.TRADE_HAS_FINISHED", "交易已完结")), changed);
            }
            if (amount > trade.TotalAmount - trade.RefundedAmount)
            {
                return ((null, GatewayError.Business(AlipaySubCodes.RefundAmountExceeded, "退款金额超限")), changed);
            }
            var refund = new SandboxRefund(outRequestNo, amount, now, request.BizText("refund_reason"));
            trade.Refunds.Add(refund);
            trade.RefundedAmount += amount;
            if (trade.RefundedAmount == trade.TotalAmount)
            {
                trade.Status = TradeStatus.TradeClosed;
                trade.ClosedAt = now;
            }
            if (notifications.ForRefund(trade, refund, now) is { } n)
            {
                trade.Notifications.Add(n);
            }
            return ((RefundFields(trade, refund, fundChange: true), null), true);
        });
        if (outcome.Item1 is not null)
        {
            store.WakeNotifier();
        }
        return outcome;
    }

    /// <summary>The buyer pays: WAIT_BUYER_PAY → TRADE_SUCCESS and a notification is queued. Null reason means paid.</summary>
    public (SandboxTrade? Trade, PayRefusal? Refusal) Pay(string outTradeNo, string? buyerLogonId)
    {
        var now = time.GetUtcNow();
        var outcome = store.Update<(SandboxTrade?, PayRefusal?)>(trades =>
        {
            if (!trades.TryGetValue(outTradeNo, out var trade))
            {
                return ((null, PayRefusal.NotFound), false);
            }
            var changed = Expire(trade, now);
            if (trade.Status != TradeStatus.WaitBuyerPay)
            {
                return ((trade, trade.PaidAt is null ? PayRefusal.Closed : PayRefusal.AlreadyPaid), changed);
            }
            trade.Status = TradeStatus.TradeSuccess;
            trade.PaidAt = now;
            trade.BuyerId = TradeNumbers.NewBuyerId();
            trade.BuyerLogonId = string.IsNullOrWhiteSpace(buyerLogonId) ? "buy***@sandbox.test" : buyerLogonId;
            if (notifications.ForPayment(trade, now) is { } n)
            {
                trade.Notifications.Add(n);
            }
            return ((trade, null), true);
        });
        if (outcome.Item2 is null)
        {
            store.WakeNotifier();
        }
        return outcome;
    }

    public string SellerId => options.Value.SellerId;

    private static bool Expire(SandboxTrade trade, DateTimeOffset now)
    {
        if (trade.Status != TradeStatus.WaitBuyerPay || trade.ExpiresAt is not { } at || at > now)
        {
            return false;
        }
        trade.Status = TradeStatus.TradeClosed;
        trade.ClosedAt = at;
        return true;
    }

    private static bool HasTradeReference(GatewayRequest request) => request.BizText("out_trade_no") is not null || request.BizText("trade_no") is not null;

    private static SandboxTrade? Find(Dictionary<string, SandboxTrade> trades, GatewayRequest request)
    {
        if (request.BizText("out_trade_no") is { } outTradeNo)
        {
            return trades.GetValueOrDefault(outTradeNo);
        }
        return request.BizText("trade_no") is { } tradeNo ? trades.Values.FirstOrDefault(t => t.TradeNo == tradeNo) : null;
    }

    private static Dictionary<string, string> Identity(SandboxTrade trade) => new(StringComparer.Ordinal)
    {
        ["out_trade_no"] = trade.OutTradeNo,
        ["trade_no"] = trade.TradeNo,
    };

    private static Dictionary<string, string> RefundFields(SandboxTrade trade, SandboxRefund refund, bool fundChange)
    {
        var fields = Identity(trade);
        fields["buyer_logon_id"] = trade.BuyerLogonId ?? "";
        fields["buyer_user_id"] = trade.BuyerId ?? "";
        fields["fund_change"] = fundChange ? "Y" : "N";
        fields["refund_fee"] = AlipayMoney.ToText(trade.RefundedAmount);
        fields["send_back_fee"] = AlipayMoney.ToText(refund.Amount);
        fields["gmt_refund_pay"] = AlipayTime.ToText(refund.At);
        return fields;
    }

    private static GatewayError NotExist() => GatewayError.Business(AlipaySubCodes.TradeNotExist, "交易不存在");

    private static GatewayError Invalid(string message) => GatewayError.Business(AlipaySubCodes.InvalidParameter, message);

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
