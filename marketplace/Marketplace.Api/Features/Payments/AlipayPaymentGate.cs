using Marketplace.Alipay;
using Marketplace.Alipay.Trades;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Before the timeout canceller cancels an expired order: an order whose payment URL was never
/// issued has no trade at the gateway and may go; otherwise the trade is queried and, if unpaid,
/// closed at the gateway first (a closed trade cannot be paid any more). A paid trade is not
/// cancelled: its payment is applied instead (<see cref="QueriedPaymentApplier"/>), once the
/// canceller's transaction (which holds the order's row lock) has ended. Any gateway doubt keeps the order pending for the next sweep.
/// </summary>
public sealed partial class AlipayPaymentGate(IServiceScopeFactory scopes, QueriedPayments queried, ILogger<AlipayPaymentGate> logger) : IPaymentGate
{
    public async Task<bool> MayCancelForTimeoutAsync(PendingOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.OrderId == order.Id, cancellationToken);
        if (payment is null)
        {
            return true;
        }

        var alipay = scope.ServiceProvider.GetRequiredService<AlipayClient>();
        try
        {
            var query = await alipay.QueryAsync(payment.OutTradeNo, cancellationToken);
            if (query.Error is { } queryError)
            {
                // Never opened at the gateway (the buyer did not follow the URL before the deadline).
                return queryError.SubCode == AlipaySubCodes.TradeNotExist;
            }

            var trade = query.Value!;
            if (trade.TradeStatus.IsPaid())
            {
                if (trade.TotalAmount == payment.Amount)
                {
                    queried.Enqueue(new PaidTrade(order.Id, payment.OutTradeNo, trade.TradeNo, trade.TotalAmount, trade.SendPayDate));
                }

                return false;
            }

            if (trade.TradeStatus == TradeStatus.TradeClosed)
            {
                return true;
            }

            var close = await alipay.CloseAsync(payment.OutTradeNo, cancellationToken);
            // TRADE_STATUS_ERROR here means it was paid between the query and the close: keep it.
            return close.IsSuccess || close.Error!.SubCode == AlipaySubCodes.TradeNotExist;
        }
        catch (Exception exception) when (exception is AlipayException or InvalidOperationException or IOException or HttpRequestException)
        {
            LogGatewayDoubt(logger, exception, order.Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timeout gate: the gateway could not settle order {OrderId}; it stays pending")]
    private static partial void LogGatewayDoubt(ILogger logger, Exception exception, Guid orderId);
}
