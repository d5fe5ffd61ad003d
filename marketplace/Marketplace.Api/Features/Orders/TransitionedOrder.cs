namespace Marketplace.Api.Features.Orders;

/// <summary>The order as the winning transition left it (read back with RETURNING).</summary>
public sealed record TransitionedOrder(
    Guid Id,
    Guid BuyerId,
    Guid SellerId,
    Guid ListingId,
    Guid? FlashSaleId,
    Guid? ReservationId,
    int Quantity,
    OrderState From,
    OrderState To,
    int Version);
