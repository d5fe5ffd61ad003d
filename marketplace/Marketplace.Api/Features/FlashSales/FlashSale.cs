using Marketplace.Api.Domain;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A limited-stock sale of one listing at a fixed price inside a time window. <see cref="TotalStock"/>
/// was taken from the listing when the sale was created; <see cref="Stock"/> is what orders have not
/// taken yet (the consumer decrements it with a version check).
/// </summary>
public sealed class FlashSale : IVersioned
{
    public Guid Id { get; set; }

    public Guid ListingId { get; set; }

    public Money Price { get; set; } = null!;

    public int TotalStock { get; set; }

    public int Stock { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int PerUserLimit { get; set; } = 1;

    /// <summary>Accounts younger than this many minutes cannot buy (0: any account may).</summary>
    public int MinAccountAgeMinutes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? FlashSaleStatus.Scheduled : now >= EndsAt ? FlashSaleStatus.Ended : FlashSaleStatus.Active;
}
