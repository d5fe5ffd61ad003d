using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Admin body for a new sale; <see cref="PerUserLimit"/> may be omitted and must be 1.
/// <see cref="MinAccountAgeMinutes"/> (optional, default 0) keeps accounts younger than that out of the
/// sale, so throwaway accounts made once it is announced cannot join.
/// </summary>
public sealed record CreateFlashSaleRequest(
    Guid? ListingId,
    PriceDto? Price,
    int? Stock,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? PerUserLimit,
    int? MinAccountAgeMinutes = null);
