namespace Marketplace.Api.Features.Orders;

/// <summary>Body of <c>POST /api/listings/{id}/purchase</c>.</summary>
public sealed record PurchaseRequest(int? Quantity)
{
    public const int MaxQuantity = 1000;
}
