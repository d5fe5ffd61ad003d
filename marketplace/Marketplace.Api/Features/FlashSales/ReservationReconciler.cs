using System.Text.Json;
using Marketplace.Api.Domain;
using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Settles reservations whose deadline passed (each sale's deadline ZSET): one already decided in
/// PostgreSQL is applied to Redis; one without a decision is re-published while its sale runs, and
/// released (stock back, buyer freed) once the sale ended and the grace period passed. Every step
/// is idempotent and the release is a conditional insert, so a crash anywhere, or several
/// instances at once, still end in one order or one release per reservation. Even so one instance reconciles at a
/// time (<see cref="Lease"/>), so the others do not repeat its re-publishing.
/// </summary>
public sealed partial class ReservationReconciler(
    RedisConnection redis,
    RedisLockFactory locks,
    IServiceScopeFactory scopes,
    IOrderRequestPublisher publisher,
    IOptions<FlashSalesOptions> options,
    TimeProvider time,
    ILogger<ReservationReconciler> logger) : BackgroundService
{
    /// <summary>Only the instance holding this lease reconciles (the others would re-publish the same reservations).</summary>
    public JobLease Lease { get; } = new(locks, "reservation-reconciler");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReconcilerEnabled)
        {
            return;
        }

        await using var lease = Lease;
        var interval = TimeSpan.FromMilliseconds(options.Value.ReconcileIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await Lease.TryHoldAsync(stoppingToken))
                {
                    var report = await ReconcileOnceAsync(stoppingToken);
                    Lease.Ran();
                    if (report.Total > 0)
                    {
                        LogPass(logger, report.Republished, report.Released, report.Settled);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every sale's overdue reservations.</summary>
    public async Task<ReconcileReport> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync();
        var total = new ReconcileReport(0, 0, 0);
        foreach (var saleId in await SalesToVisitAsync(db, cancellationToken))
        {
            try
            {
                if (await PruneIfExpiredAsync(db, saleId))
                {
                    continue;
                }

                var pass = await ReconcileSaleAsync(db, saleId, cancellationToken);
                total = new ReconcileReport(
                    total.Republished + pass.Republished, total.Released + pass.Released, total.Settled + pass.Settled);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One sale's trouble (its store unreachable) must not hold up the others.
                LogSaleFailed(logger, ex, saleId);
            }
        }

        return total;
    }

    /// <summary>
    /// The sales in the Redis index, and every sale PostgreSQL says may still hold unsettled reservations (not ended
    /// longer ago than the release grace and an hour more). The index alone is not enough: on a Redis Cluster it sits
    /// on another primary than the sale's keys, and a failover can lose an entry that was never replicated, after which
    /// the sale's reservations would stay in Redis, unsettled, until its keys expire.
    /// </summary>
    private async Task<IReadOnlyCollection<Guid>> SalesToVisitAsync(IDatabase db, CancellationToken cancellationToken)
    {
        var sales = (await db.SetMembersAsync(FlashSaleKeys.Index)).Select(m => Guid.Parse((string)m!)).ToHashSet();
        var since = time.GetUtcNow() - options.Value.ReleaseGrace - TimeSpan.FromHours(1);
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        sales.UnionWith(await store.FlashSales.AsNoTracking().Where(s => s.EndsAt > since).Select(s => s.Id).ToListAsync(cancellationToken));
        return sales;
    }

    /// <summary>
    /// Drops a sale from the index once its keys have expired (they outlive the sale by
    /// <see cref="FlashSaleGate.KeepAfterEnd"/>): nothing is left to settle, and the index stays as
    /// short as the sales still in Redis. A purchase that finds the sale missing primes it again.
    /// </summary>
    private static async Task<bool> PruneIfExpiredAsync(IDatabase db, Guid saleId)
    {
        var keys = new FlashSaleKeys(saleId);
        var id = saleId.ToString("N");
        // The index and the sale's keys sit in different cluster slots, so no script holds both. Remove
        // first, then look: a prime writes the hash before its SADD, so a sale primed again either shows up
        // here (and goes back in) or adds itself after this SREM. Only the lease holder prunes.
        if (await db.KeyExistsAsync([keys.Sale, keys.Reservations]) > 0)
        {
            return false;
        }

        await db.SetRemoveAsync(FlashSaleKeys.Index, id);
        try
        {
            if (await db.KeyExistsAsync([keys.Sale, keys.Reservations]) == 0)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Unsure: keep the sale in the index (a failed look must not drop a sale with reservations).
            await db.SetAddAsync(FlashSaleKeys.Index, id, CommandFlags.FireAndForget);
            throw;
        }

        await db.SetAddAsync(FlashSaleKeys.Index, id);
        return false;
    }

    private async Task<ReconcileReport> ReconcileSaleAsync(IDatabase redisDb, Guid saleId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keys = new FlashSaleKeys(saleId);
        var now = time.GetUtcNow();
        var due = await redisDb.SortedSetRangeByScoreAsync(
            keys.Deadlines, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: settings.ReconcileBatchSize);
        if (due.Length == 0)
        {
            return new ReconcileReport(0, 0, 0);
        }

        var records = await redisDb.HashGetAsync(keys.Reservations, due);
        var ids = due.Select(d => Guid.Parse((string)d!)).ToArray();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var settlement = scope.ServiceProvider.GetRequiredService<ReservationSettlement>();
        var sale = await db.FlashSales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == saleId, cancellationToken);
        var decided = await db.FlashReservations.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        int republished = 0, released = 0, settled = 0;
        var kafkaDown = false;
        for (var i = 0; i < ids.Length; i++)
        {
            if (records[i].IsNull || sale is null)
            {
                // A deadline without its reservation (or sale): nothing left to settle.
                await redisDb.SortedSetRemoveAsync(keys.Deadlines, due[i]);
                continue;
            }

            var record = JsonSerializer.Deserialize<ReservationRecord>((string)records[i]!, FlashSaleJson.Options)!;
            var request = new OrderRequested(ids[i], saleId, record.UserId, sale.ListingId, sale.Price.Amount,
                sale.Price.Currency, DateTimeOffset.FromUnixTimeMilliseconds(record.CreatedAt));
            if (decided.TryGetValue(ids[i], out var row))
            {
                await settlement.ApplyToRedisAsync(saleId, ids[i], record.UserId,
                    new ReservationDecision(row.Status, row.Reason, row.OrderId));
                settled++;
            }
            else if (now >= sale.EndsAt + settings.ReleaseGrace)
            {
                var decision = await ReleaseAsync(db, settlement, request, cancellationToken);
                await settlement.ApplyToRedisAsync(saleId, ids[i], record.UserId, decision);
                released += decision.Status == ReservationStatus.Released ? 1 : 0;
            }
            else if (!kafkaDown)
            {
                if (await TryRepublishAsync(request, cancellationToken))
                {
                    // Only if still pending (XX): a consumer may have settled it meanwhile.
                    await redisDb.SortedSetAddAsync(keys.Deadlines, due[i],
                        (now + settings.ReservationTimeout).ToUnixTimeMilliseconds(), SortedSetWhen.Exists);
                    republished++;
                }
                else
                {
                    kafkaDown = true;
                }
            }
        }

        return new ReconcileReport(republished, released, settled);
    }

    private async Task<bool> TryRepublishAsync(OrderRequested request, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(request, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kafka unreachable: the deadline stays passed, so the next pass tries again (this pass
            // stops re-publishing for the sale rather than fail once per reservation).
            LogRepublishFailed(logger, ex, request.ReservationId);
            return false;
        }
    }

    // The conditional insert decides: if the consumer ordered it meanwhile, that decision stands.
    private static async Task<ReservationDecision> ReleaseAsync(
        MarketplaceDbContext db, ReservationSettlement settlement, OrderRequested request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = ReservationDecision.Released(ReservationDecision.SaleEnded);
        if (await settlement.TryRecordAsync(db, request, release, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return release;
        }

        var existing = await ReservationSettlement.FindAsync(db, request.ReservationId, cancellationToken)
            ?? throw new InvalidOperationException($"Reservation {request.ReservationId} has a conflicting row but no decision.");
        await transaction.CommitAsync(cancellationToken);
        return existing;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciler: {Republished} re-published, {Released} released, {Settled} settled in Redis")]
    private static partial void LogPass(ILogger logger, int republished, int released, int settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler could not settle sale {SaleId}; retrying on the next pass")]
    private static partial void LogSaleFailed(ILogger logger, Exception exception, Guid saleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-publishing reservation {ReservationId} failed; retrying on the next pass")]
    private static partial void LogRepublishFailed(ILogger logger, Exception exception, Guid reservationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler pass failed; retrying on the next one")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
