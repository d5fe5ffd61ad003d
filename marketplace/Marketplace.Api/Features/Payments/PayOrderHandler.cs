using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// <c>POST /api/orders/{id}/pay</c>: the buyer of a PENDING_PAYMENT order gets the signed page.pay
/// URL; out_trade_no is the order id, the amount its total, and time_expire its payment deadline,
/// so the gateway stops taking money when the order stops waiting for it. The payment row is
/// inserted under a share lock on the order, so the timeout canceller either sees it (and asks the
/// gateway) or has cancelled first (and this answers 409).
/// </summary>
public sealed partial class PayOrderHandler(
    MarketplaceDbContext db, AlipayClient alipay, IOptions<AlipayOptions> alipayOptions, TimeProvider time, ILogger<PayOrderHandler> logger)
{
    public const string NotifyPath = "/api/payments/alipay/notify";

    private const string LockPending = "SELECT state FROM orders WHERE id = @id FOR SHARE";

    private const string InsertPayment = """
        INSERT INTO payments (order_id, out_trade_no, amount, currency, opened_at)
        VALUES (@id, @out_trade_no, @amount, @currency, @now)
        ON CONFLICT (order_id) DO NOTHING
        """;

    public async Task<Results<Ok<PayResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, Guid orderId, HttpRequest request, CancellationToken cancellationToken)
    {
        var found = await db.FindForPartyAsync(orderId, userId, OrderParty.Buyer, "pay for an order", cancellationToken);
        if (!found.Allowed)
        {
            return found.Refusal;
        }

        var order = found.Order;

        if (order.State != OrderState.PendingPayment)
        {
            return NotPending(order.State);
        }

        if (order.PaymentDeadline <= time.GetUtcNow())
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, PaymentProblemTypes.PaymentDeadlinePassed,
                "The payment deadline has passed.", $"Order {orderId} had to be paid by {order.PaymentDeadline:O}.");
        }

        // The gateway reads every amount as yuan: refuse rather than charge 10 USD as 10 CNY.
        // Converting would need a rate source and a recorded rate per payment; no such thing exists yet.
        if (order.Total.Currency != AlipayMoney.Currency)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, PaymentProblemTypes.CurrencyNotCharged,
                "The order's currency cannot be paid through Alipay.",
                $"Alipay charges in {AlipayMoney.Currency} only; the order total is {order.Total}.");
        }

        if (!AlipayMoney.IsPayable(order.Total.Amount))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, PaymentProblemTypes.NotPayable,
                "The order total cannot be paid through Alipay.",
                $"Alipay takes 0.01 to 100000000 with at most two decimals; the total is {order.Total.Amount}.");
        }

        var outTradeNo = Payment.OutTradeNoFor(order.Id);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockOrder = await db.CommandInTransactionAsync(LockPending, cancellationToken))
            {
                lockOrder.Parameters.AddWithValue("id", order.Id);
                var state = OrderStateNames.Parse((string)(await lockOrder.ExecuteScalarAsync(cancellationToken))!);
                if (state != OrderState.PendingPayment)
                {
                    return NotPending(state);
                }
            }

            await using (var insert = await db.CommandInTransactionAsync(InsertPayment, cancellationToken))
            {
                insert.Parameters.AddWithValue("id", order.Id);
                insert.Parameters.AddWithValue("out_trade_no", outTradeNo);
                insert.Parameters.AddWithValue("amount", order.Total.Amount);
                insert.Parameters.AddWithValue("currency", order.Total.Currency);
                insert.Parameters.AddWithValue("now", time.GetUtcNow());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var subject = await db.Listings.AsNoTracking().Where(l => l.Id == order.ListingId).Select(l => l.Title).SingleAsync(cancellationToken);
        try
        {
            var url = alipay.BuildPagePayUrl(new PagePayRequest(outTradeNo, order.Total.Amount, Subject(subject, order.Quantity))
            {
                TimeExpire = order.PaymentDeadline,
                NotifyUrl = alipayOptions.Value.NotifyUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}{NotifyPath}",
            });
            return TypedResults.Ok(new PayResponse(new Uri(url), outTradeNo, order.PaymentDeadline));
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
        {
            LogGatewayUnconfigured(logger, exception);
            return ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, PaymentProblemTypes.GatewayUnavailable,
                "Payments are unavailable.", "The Alipay keys cannot be read; check the Alipay configuration (or start the sandbox).");
        }
    }

    private static string Subject(string title, int quantity) =>
        (quantity == 1 ? title : $"{title} x{quantity}") is var s && s.Length > 256 ? s[..256] : s;

    private static ProblemHttpResult NotPending(OrderState state) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidTransition,
            "The order cannot be paid.", $"The order is {state.ToName()}; only PENDING_PAYMENT orders can be paid.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot build the Alipay payment URL")]
    private static partial void LogGatewayUnconfigured(ILogger logger, Exception exception);
}
