using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A sale as the public sees it. <see cref="RemainingStock"/> is what buyers can still reserve
/// (Redis, or PostgreSQL's count when the sale is not in Redis).
/// </summary>
public sealed record FlashSaleResponse(
    Guid Id,
    Guid ListingId,
    PriceDto Price,
    int Stock,
    int RemainingStock,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int PerUserLimit,
    string Status,
    int MinAccountAgeMinutes);
