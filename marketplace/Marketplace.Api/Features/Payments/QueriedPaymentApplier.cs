namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Applies the payments the timeout gate found by query (PENDING_PAYMENT → PAID, or a refund if the
/// order was cancelled meanwhile). Lost on shutdown at worst: the gateway's notification (retried
/// until answered) applies the same payment.
/// </summary>
public sealed partial class QueriedPaymentApplier(
    QueriedPayments queue, IServiceScopeFactory scopes, ILogger<QueriedPaymentApplier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var trade in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var applier = scope.ServiceProvider.GetRequiredService<PaymentApplier>();
                    if (await applier.ApplyAsync(trade, PaymentActors.AlipayQuery, null, stoppingToken) == NotificationVerdicts.RefundScheduled)
                    {
                        await scope.ServiceProvider.GetRequiredService<RefundExecutor>()
                            .TryExecuteAsync(Refund.OutRequestNoFor(trade.OrderId), stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogApplyFailed(logger, exception, trade.OrderId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying the queried payment of order {OrderId} failed; its notification will")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, Guid orderId);
}
