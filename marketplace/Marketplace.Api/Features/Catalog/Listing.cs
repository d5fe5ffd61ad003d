using Marketplace.Api.Domain;

namespace Marketplace.Api.Features.Catalog;

public sealed class Listing : IVersioned
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public string Title { get; set; } = "";

    public string Kind { get; set; } = ListingKind.Item;

    public string Game { get; set; } = "";

    public string Description { get; set; } = "";

    public Money Price { get; set; } = null!;

    public int Stock { get; set; }

    public string Status { get; set; } = ListingStatus.Active;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public bool IsActive => Status == ListingStatus.Active;
}
