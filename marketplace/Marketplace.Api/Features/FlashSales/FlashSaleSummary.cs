using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// One sale in the public list: the sale with its listing's title and game, so a storefront needs no call per sale.
/// <see cref="Stock"/> is the sale's total; <see cref="RemainingStock"/> what buyers can still reserve (Redis, or
/// PostgreSQL's count when Redis cannot say). <see cref="Status"/> is <c>active</c> or <c>scheduled</c>, as
/// <c>GET /api/flash-sales/{id}</c> says it.
/// </summary>
public sealed record FlashSaleSummary(
    Guid Id,
    Guid ListingId,
    string ListingTitle,
    string Game,
    PriceDto Price,
    int Stock,
    int RemainingStock,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerUserLimit,
    string Status);
