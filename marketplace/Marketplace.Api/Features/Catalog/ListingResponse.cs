namespace Marketplace.Api.Features.Catalog;

public sealed record ListingResponse(
    Guid Id,
    Guid SellerId,
    string Title,
    string Kind,
    string Game,
    string Description,
    PriceDto Price,
    int Stock,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static ListingResponse From(Listing listing) => new(
        listing.Id, listing.SellerId, listing.Title, listing.Kind, listing.Game, listing.Description,
        new PriceDto(listing.Price.Amount, listing.Price.Currency), listing.Stock,
        listing.Status.ToLowerInvariant(), listing.CreatedAt, listing.UpdatedAt, listing.Version);
}
