using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// One sale's Redis keys (below the configured key prefix). The <c>{saleId}</c> hash tag puts them
/// all in one cluster slot, so a single script may touch them together.
/// </summary>
public readonly record struct FlashSaleKeys(Guid SaleId)
{
    /// <summary>
    /// Sales primed in Redis; the reconciler walks it to find reservations to settle and drops a sale
    /// once its keys have expired.
    /// </summary>
    public static readonly RedisKey Index = "flash:sales";

    /// <summary>
    /// String: a pending reservation's sale id, so <c>GET /api/reservations/{id}</c> finds its hash
    /// directly. Written by the gate with the reservation, deleted by its release, and it expires
    /// with the sale's keys whatever happens.
    /// </summary>
    public static RedisKey ReservationSale(Guid reservationId) => "flash:reservation:" + reservationId.ToString("N");

    private string Tag => "flash:{" + SaleId.ToString("N") + "}:";

    /// <summary>Hash: starts, ends (unix ms), stock (left to reserve), total, listing, price, currency, seller, minage (ms).</summary>
    public RedisKey Sale => Tag + "sale";

    /// <summary>Set of user ids that hold a reservation or an order.</summary>
    public RedisKey Buyers => Tag + "buyers";

    /// <summary>Hash: reservation id → JSON {userId, createdAt, deadline}.</summary>
    public RedisKey Reservations => Tag + "reservations";

    /// <summary>Sorted set: reservation id scored by its deadline (unix ms).</summary>
    public RedisKey Deadlines => Tag + "deadlines";
}
