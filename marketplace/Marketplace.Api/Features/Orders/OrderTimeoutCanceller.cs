using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// Every <see cref="OrdersOptions.TimeoutSweepInterval"/>, cancels PENDING_PAYMENT orders past their
/// payment deadline and returns their stock. Safe with any number of API instances: each batch is
/// claimed with <c>FOR UPDATE SKIP LOCKED</c> (instances take disjoint batches), and each cancel is
/// still the single state-guarded transition, so a buyer cancelling at the same moment and this job
/// produce one CANCELLED transition and one stock return between them.
/// </summary>
public sealed partial class OrderTimeoutCanceller(
    IServiceScopeFactory scopes,
    IOptions<OrdersOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<OrderTimeoutCanceller> logger) : BackgroundService
{
    private const string ClaimBatch = """
        SELECT id, buyer_id, flash_sale_id, payment_deadline FROM orders
        WHERE state = 'PENDING_PAYMENT' AND payment_deadline <= @now AND NOT (id = ANY(@passed))
        ORDER BY payment_deadline
        LIMIT @batch
        FOR UPDATE SKIP LOCKED
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Start-up migrations run in another hosted service, and options are validated at
            // start: touch neither the database nor the settings until the host has started.
            await WhenStartedAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.TimeoutSweepInterval, time);
            do
            {
                try
                {
                    var cancelled = await SweepOnceAsync(stoppingToken);
                    if (cancelled > 0)
                    {
                        LogSwept(logger, cancelled);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database or a hook failed; the orders stay pending and the next tick retries.
                    LogSweepFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a batch in flight rolled back with its transaction.
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>Cancels every expired unpaid order this instance can claim; returns how many it cancelled.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.TimeoutBatchSize;
        // Orders this sweep left pending (the gate refused, or their cancel failed): not claimed again.
        var passed = new List<Guid>();
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (claimed, cancelled) = await SweepBatchAsync(batchSize, passed, cancellationToken);
            total += cancelled;
            if (claimed < batchSize)
            {
                break;
            }
        }

        return total;
    }

    private async Task<(int Claimed, int Cancelled)> SweepBatchAsync(
        int batchSize, List<Guid> passed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var cancellation = scope.ServiceProvider.GetRequiredService<OrderCancellation>();
        // From the scope, so the payments feature may register a scoped gate (one using the DbContext).
        var paymentGate = scope.ServiceProvider.GetRequiredService<IPaymentGate>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await ClaimAsync(db, batchSize, passed, cancellationToken);
        var cancelled = new List<TransitionedOrder>(batch.Count);
        foreach (var order in batch)
        {
            if (!await paymentGate.MayCancelForTimeoutAsync(order, cancellationToken))
            {
                passed.Add(order.Id);
                continue;
            }

            // A savepoint per order: one order whose stock cannot be returned does not undo the batch.
            await transaction.CreateSavepointAsync("cancel_order", cancellationToken);
            try
            {
                var won = await cancellation.CancelInTransactionAsync(
                    db, order.Id, OrderActors.Timeout, "payment deadline passed", cancellationToken);
                await transaction.ReleaseSavepointAsync("cancel_order", cancellationToken);
                if (won is not null)
                {
                    cancelled.Add(won);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await transaction.RollbackToSavepointAsync("cancel_order", cancellationToken);
                passed.Add(order.Id);
                LogCancelFailed(logger, exception, order.Id);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var order in cancelled)
        {
            await cancellation.AfterCommitAsync(order, cancellationToken);
        }

        return (batch.Count, cancelled.Count);
    }

    private async Task<List<PendingOrder>> ClaimAsync(
        MarketplaceDbContext db, int batchSize, List<Guid> passed, CancellationToken cancellationToken)
    {
        await using var claim = await db.CommandInTransactionAsync(ClaimBatch, cancellationToken);
        claim.Parameters.AddWithValue("now", time.GetUtcNow());
        claim.Parameters.AddWithValue("passed", passed.ToArray());
        claim.Parameters.AddWithValue("batch", batchSize);
        var batch = new List<PendingOrder>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new PendingOrder(
                reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return batch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Count} unpaid order(s) past their payment deadline")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order timeout sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeout cancel of order {OrderId} failed; it stays pending")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, Guid orderId);
}
