using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Locking;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The hot path, under the buyer's purchase lock (the same per-user lock normal purchases take):
/// Idempotency-Key replay, the Redis gate (one script, one round trip), then the
/// <see cref="OrderRequested"/> publish. PostgreSQL is touched only when the sale is not in Redis.
/// </summary>
/// <remarks>
/// 202 means the reservation is recorded in Redis (reservation hash + deadline ZSET, AOF), not that
/// Kafka acknowledged it: the publish runs in the background and a failed one is only logged, as
/// the reconciler re-publishes every reservation without an order once its deadline passes.
/// Answering 503 and rolling the reservation back instead would need a rollback that can itself fail.
/// </remarks>
public sealed partial class PurchaseFlashSaleHandler(
    FlashSaleGate gate,
    IServiceProvider services,
    PurchaseIdempotency idempotency,
    UserPurchaseLock purchaseLock,
    IOrderRequestPublisher publisher,
    IOptions<FlashSalesOptions> options,
    FlashSaleMetrics metrics,
    TimeProvider time,
    ILogger<PurchaseFlashSaleHandler> logger)
{
    public async Task<IResult> HandleAsync(Guid saleId, Buyer buyer, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var userId = buyer.UserId;
        if (idempotencyKey is not null && !PurchaseIdempotency.IsValidKey(idempotencyKey))
        {
            return Infrastructure.Problems.ApiProblems.Validation(new Dictionary<string, string[]>
            {
                [PurchaseIdempotency.HeaderName] =
                    [$"The {PurchaseIdempotency.HeaderName} header must be 1 to {PurchaseIdempotency.MaxKeyLength} visible ASCII characters."],
            });
        }

        try
        {
            if (idempotencyKey is null && await TryReserveUnlockedAsync(saleId, buyer) is { } quick)
            {
                return Answer(quick);
            }

            // Serialises this buyer's purchases, so a repeated Idempotency-Key sees the first answer
            // stored before it looks, and the gate sees one request of theirs at a time.
            var held = await purchaseLock.TryAcquireAsync(userId, LockOwner.New(), cancellationToken);
            if (held is null)
            {
                return Answer(PurchaseOutcome.InProgress());
            }

            await using (held)
            {
                if (idempotencyKey is not null && await idempotency.FindAsync(userId, saleId, idempotencyKey) is { } replay)
                {
                    return Answer(replay);
                }

                var outcome = await PurchaseAsync(saleId, buyer, cancellationToken);
                if (idempotencyKey is not null && outcome.IsFinal)
                {
                    outcome = await idempotency.SaveFirstAsync(userId, saleId, idempotencyKey, outcome);
                }

                return Answer(outcome);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisDown(logger, ex, saleId);
            return Answer(PurchaseOutcome.Unavailable());
        }
    }

    private IResult Answer(PurchaseOutcome outcome)
    {
        metrics.Answered(outcome);
        return outcome.ToResult();
    }

    /// <summary>
    /// Without an Idempotency-Key a purchase is the gate alone, and the gate is atomic on the sale's
    /// keys and admits one reservation per buyer, so it needs no lock: one round trip. (It does not wait
    /// for the buyer's purchase lock either: that key sits in another Redis Cluster slot, and the gate's
    /// buyer set already keeps a keyed and an unkeyed purchase from both reserving.) Null when the sale
    /// is not primed; the locked path primes it.
    /// </summary>
    private async Task<PurchaseOutcome?> TryReserveUnlockedAsync(Guid saleId, Buyer buyer)
    {
        var userId = buyer.UserId;
        var now = time.GetUtcNow();
        var reservationId = Guid.CreateVersion7(now);
        var result = await gate.ReserveAsync(saleId, buyer, reservationId, now, now + options.Value.ReservationTimeout);
        return result.Outcome is GateOutcome.NotPrimed ? null : Conclude(result, saleId, userId, reservationId, now);
    }

    private async Task<PurchaseOutcome> PurchaseAsync(Guid saleId, Buyer buyer, CancellationToken cancellationToken)
    {
        var userId = buyer.UserId;
        var now = time.GetUtcNow();
        var reservationId = Guid.CreateVersion7(now);
        var deadline = now + options.Value.ReservationTimeout;
        var result = await gate.ReserveAsync(saleId, buyer, reservationId, now, deadline);
        if (result.Outcome == GateOutcome.NotPrimed)
        {
            // Resolved only here, on the rare not-primed path, so a purchase builds no DbContext.
            var primer = services.GetRequiredService<FlashSalePrimer>();
            if (!await primer.PrimeAsync(saleId, cancellationToken))
            {
                return PurchaseOutcome.UnknownSale(saleId);
            }

            result = await gate.ReserveAsync(saleId, buyer, reservationId, now, deadline);
        }

        return Conclude(result, saleId, userId, reservationId, now);
    }

    private PurchaseOutcome Conclude(GateResult result, Guid saleId, Guid userId, Guid reservationId, DateTimeOffset now)
    {
        switch (result.Outcome)
        {
            case GateOutcome.Reserved:
                // Not awaited: the answer does not wait for the broker's acknowledgement, since the
                // reservation is already durable in Redis and the reconciler covers a lost publish.
                _ = PublishAsync(new OrderRequested(
                    reservationId, saleId, userId, result.ListingId, result.UnitPrice, result.Currency, now));
                return PurchaseOutcome.Accepted(reservationId);
            case GateOutcome.NotActive:
                return PurchaseOutcome.NotActive();
            case GateOutcome.AlreadyPurchased:
                return PurchaseOutcome.AlreadyPurchased();
            case GateOutcome.SoldOut:
                return PurchaseOutcome.SoldOut();
            case GateOutcome.OwnSale:
                return PurchaseOutcome.OwnSale();
            case GateOutcome.AccountTooNew:
                return PurchaseOutcome.AccountTooNew();
            default:
                return PurchaseOutcome.Unavailable();
        }
    }

    private async Task PublishAsync(OrderRequested message)
    {
        try
        {
            // Not the request's token: a client hanging up must not abort a publish for a reservation it holds.
            await publisher.PublishAsync(message, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPublishFailed(logger, ex, message.ReservationId, message.SaleId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "OrderRequested for reservation {ReservationId} (sale {SaleId}) not published; the reconciler re-publishes it")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid reservationId, Guid saleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis unavailable for a purchase of sale {SaleId}")]
    private static partial void LogRedisDown(ILogger logger, Exception exception, Guid saleId);
}
