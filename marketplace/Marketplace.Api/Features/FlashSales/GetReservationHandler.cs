using System.Text.Json;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A buyer's own reservation: the durable decision in PostgreSQL when there is one, else the
/// pending entry in Redis (RESERVED). Someone else's reservation is "not found".
/// </summary>
public sealed class GetReservationHandler(MarketplaceDbContext db, RedisConnection redis)
{
    public async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> HandleAsync(
        Guid userId, bool isAdmin, Guid reservationId, CancellationToken cancellationToken)
    {
        if (await FindDecidedAsync(userId, isAdmin, reservationId, cancellationToken) is { } decided)
        {
            return decided;
        }

        // A pending reservation lives in its sale's hash; the pointer the gate wrote with it names the sale.
        var redisDb = await redis.GetDatabaseAsync();
        if (await redisDb.StringGetAsync(FlashSaleKeys.ReservationSale(reservationId)) is { IsNull: false } sale)
        {
            var saleId = Guid.ParseExact((string)sale!, "N");
            var json = await redisDb.HashGetAsync(new FlashSaleKeys(saleId).Reservations, reservationId.ToString("N"));
            if (!json.IsNull)
            {
                var record = JsonSerializer.Deserialize<ReservationRecord>((string)json!, FlashSaleJson.Options)!;
                return record.UserId == userId || isAdmin
                    ? TypedResults.Ok(new ReservationResponse(reservationId, saleId, ReservationStatus.Reserved, null))
                    : NotFound(reservationId);
            }
        }

        // The consumer may have decided it (and cleared Redis) between the two reads.
        return await FindDecidedAsync(userId, isAdmin, reservationId, cancellationToken) ?? NotFound(reservationId);
    }

    private async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>?> FindDecidedAsync(
        Guid userId, bool isAdmin, Guid reservationId, CancellationToken cancellationToken)
    {
        var decided = await db.FlashReservations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
        if (decided is null)
        {
            return null;
        }

        return decided.UserId == userId || isAdmin
            ? TypedResults.Ok(new ReservationResponse(decided.Id, decided.SaleId, decided.Status, decided.OrderId,
                decided.Status == ReservationStatus.Released ? ReservationReason.Of(decided.Reason) : null))
            : NotFound(reservationId);
    }

    private static ProblemHttpResult NotFound(Guid reservationId) =>
        ApiProblems.NotFound($"Reservation {reservationId} does not exist.");
}
