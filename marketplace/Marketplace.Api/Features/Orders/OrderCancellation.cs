using Marketplace.Api.Infrastructure.Persistence;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// PENDING_PAYMENT → CANCELLED with the stock returned, shared by the buyer's cancel and the
/// timeout canceller. The transition and the stock return share the caller's transaction, and the
/// stock is returned only by the caller whose conditional update won, so racing cancellers return
/// it exactly once.
/// </summary>
public sealed partial class OrderCancellation(
    OrderTransitions transitions, IEnumerable<IStockReturn> stockReturns, ILogger<OrderCancellation> logger)
{
    private readonly IReadOnlyList<IStockReturn> _stockReturns = [.. stockReturns];

    /// <summary>The cancelled order when this call won; null when the order was no longer pending.</summary>
    public async Task<TransitionedOrder?> CancelInTransactionAsync(
        MarketplaceDbContext db, Guid orderId, string actor, string reason, CancellationToken cancellationToken)
    {
        var cancelled = await transitions.TryTransitionAsync(
            db, orderId, OrderState.PendingPayment, OrderState.Cancelled, actor, reason, cancellationToken);
        if (cancelled is null)
        {
            return null;
        }

        await StockReturnFor(cancelled).ReturnAsync(db, cancelled, cancellationToken);
        return cancelled;
    }

    /// <summary>Call after the cancelling transaction committed.</summary>
    public async Task AfterCommitAsync(TransitionedOrder cancelled, CancellationToken cancellationToken)
    {
        try
        {
            await StockReturnFor(cancelled).AfterCommitAsync(cancelled, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAfterCommitFailed(logger, exception, cancelled.Id);
        }
    }

    private IStockReturn StockReturnFor(TransitionedOrder order) =>
        _stockReturns.SingleOrDefault(r => r.Handles(order))
        ?? throw new InvalidOperationException(
            $"No IStockReturn handles order {order.Id} (flash sale {order.FlashSaleId?.ToString() ?? "none"}).");

    [LoggerMessage(Level = LogLevel.Error, Message = "Returning stock outside PostgreSQL failed for cancelled order {OrderId}")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, Guid orderId);
}
