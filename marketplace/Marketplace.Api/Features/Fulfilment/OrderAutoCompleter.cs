using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>
/// Every <see cref="AutoCompleteOptions.AutoCompleteSweepInterval"/>, completes SHIPPED orders shipped
/// more than <see cref="AutoCompleteOptions.AutoCompleteAfter"/> ago, through the same conditional
/// SHIPPED → COMPLETED transition as the buyer's confirm: whichever comes first wins, once.
/// </summary>
public sealed partial class OrderAutoCompleter(
    IServiceScopeFactory scopes,
    OrderTransitions transitions,
    IOptions<AutoCompleteOptions> options,
    TimeProvider time,
    ILogger<OrderAutoCompleter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AutoCompleteSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await SweepOnceAsync(stoppingToken) is > 0 and var count)
                    {
                        LogCompleted(logger, count);
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
            // Shutting down; the next start picks up where this left off.
        }
    }

    /// <summary>Completes every order due now; returns how many this call completed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            var due = time.GetUtcNow() - options.Value.AutoCompleteAfter;
            var ids = await db.Set<OrderDelivery>().AsNoTracking()
                .Where(d => d.ShippedAt <= due)
                .Join(db.Orders.Where(o => o.State == OrderState.Shipped), d => d.OrderId, o => o.Id, (d, o) => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            var completed = 0;
            foreach (var id in ids)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await transitions.TryTransitionAsync(db, id, OrderState.Shipped, OrderState.Completed,
                        FulfilmentActors.AutoComplete, $"not confirmed {options.Value.AutoCompleteAfter} after shipping", cancellationToken) is not null)
                {
                    completed++;
                }

                await transaction.CommitAsync(cancellationToken);
            }

            total += completed;
            if (ids.Count < BatchSize)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-completed {Count} shipped order(s)")]
    private static partial void LogCompleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Auto-complete sweep failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
