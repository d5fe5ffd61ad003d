using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A sale's details as the read cache holds them. <see cref="Stock"/> is PostgreSQL's count at
/// load time, shown only when Redis (the live count) cannot be reached; the status is computed
/// per read from the clock.
/// </summary>
public sealed record FlashSaleSnapshot(
    Guid Id,
    Guid ListingId,
    PriceDto Price,
    int TotalStock,
    int Stock,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerUserLimit,
    int MinAccountAgeMinutes = 0)
{
    public static FlashSaleSnapshot From(FlashSale sale) => new(
        sale.Id, sale.ListingId, new PriceDto(sale.Price.Amount, sale.Price.Currency), sale.TotalStock, sale.Stock,
        sale.StartsAt, sale.EndsAt, sale.PerUserLimit, sale.MinAccountAgeMinutes);

    public string StatusAt(DateTimeOffset now) =>
        now < StartsAt ? FlashSaleStatus.Scheduled : now >= EndsAt ? FlashSaleStatus.Ended : FlashSaleStatus.Active;
}
