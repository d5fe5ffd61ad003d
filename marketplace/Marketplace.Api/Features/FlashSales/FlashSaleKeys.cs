using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// One sale's Redis keys (below the configured key prefix). The <c>{saleId}</c> hash tag puts them
/// all in one cluster slot, so a single script may touch them together.
/// </summary>
public readonly record struct FlashSaleKeys(Guid SaleId)
{
    /// <summary>Every sale ever primed; the reconciler walks it to find reservations to settle.</summary>
    public static readonly RedisKey Index = "flash:sales";

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
