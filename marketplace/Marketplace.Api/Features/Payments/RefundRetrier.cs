using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Every <see cref="PaymentsOptions.RefundRetryInterval"/>, sends each PENDING refund whose back-off has passed
/// again (same out_request_no, so the gateway refunds at most once), earliest due first, until it succeeds or the
/// executor gives up on it (<see cref="RefundExecutor"/>). Should two sweeps meet, the gateway is idempotent on
/// out_request_no and every outcome is recorded with a conditional update. One instance sweeps at a time
/// (<see cref="Lease"/>).
/// </summary>
public sealed partial class RefundRetrier(
    IServiceScopeFactory scopes,
    RedisLockFactory locks,
    IOptions<PaymentsOptions> options,
    TimeProvider time,
    ILogger<RefundRetrier> logger) : BackgroundService
{
    /// <summary>Only the instance holding this lease sweeps (the others would repeat its gateway calls).</summary>
    public JobLease Lease { get; } = new(locks, "refund-retrier");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var lease = Lease;
        using var timer = new PeriodicTimer(options.Value.RefundRetryInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await Lease.TryHoldAsync(stoppingToken))
                    {
                        await SweepOnceAsync(stoppingToken);
                        Lease.Ran();
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; pending refunds stay pending for the next start.
        }
    }

    /// <summary>One pass over the due pending refunds; returns how many succeeded.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var now = time.GetUtcNow();
        var pending = await db.Set<Refund>().AsNoTracking()
            .Where(r => r.Status == RefundStatuses.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt)
            .Select(r => r.OutRequestNo)
            .Take(options.Value.RefundBatchSize)
            .ToListAsync(cancellationToken);
        var succeeded = 0;
        foreach (var outRequestNo in pending)
        {
            await using var attemptScope = scopes.CreateAsyncScope();
            var executor = attemptScope.ServiceProvider.GetRequiredService<RefundExecutor>();
            try
            {
                if (await executor.TryExecuteAsync(outRequestNo, cancellationToken) == RefundStatuses.Succeeded)
                {
                    succeeded++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One refund that throws must not stall the ones behind it in every sweep.
                LogRefundFailed(logger, ex, outRequestNo);
            }
        }

        return succeeded;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund {OutRequestNo}: the attempt threw; the sweep goes on to the next refund")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, string outRequestNo);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refund retry sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
