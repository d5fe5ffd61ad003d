namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// Body of create and update. On update, <see cref="Version"/> (optional) must match the stored
/// version, or the update is refused with 409.
/// </summary>
public sealed record ListingRequest(
    string? Title,
    string? Kind,
    string? Game,
    string? Description,
    PriceDto? Price,
    int? Stock,
    int? Version = null);
