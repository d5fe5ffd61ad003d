using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>Admin body for a new sale; <see cref="PerUserLimit"/> may be omitted and must be 1.</summary>
public sealed record CreateFlashSaleRequest(
    Guid? ListingId,
    PriceDto? Price,
    int? Stock,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? PerUserLimit);
