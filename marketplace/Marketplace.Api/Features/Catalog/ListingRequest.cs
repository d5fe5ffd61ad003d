namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// Body of create and update. On update, <see cref="Version"/> is required (428 without it) and must
/// match the stored version, or the update is refused with 409: stock is an absolute number here,
/// so it may only replace the stock the seller saw.
/// </summary>
public sealed record ListingRequest(
    string? Title,
    string? Kind,
    string? Game,
    string? Description,
    PriceDto? Price,
    int? Stock,
    int? Version = null);
