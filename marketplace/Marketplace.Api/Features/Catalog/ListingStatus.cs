namespace Marketplace.Api.Features.Catalog;

/// <summary>Delisting is a soft delete: orders keep pointing at the row.</summary>
public static class ListingStatus
{
    public const string Active = "ACTIVE";
    public const string Delisted = "DELISTED";
}
