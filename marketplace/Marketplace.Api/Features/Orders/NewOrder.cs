using Marketplace.Api.Domain;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// What <see cref="OrderCreation"/> needs to insert an order. Flash-sale orders set
/// <see cref="FlashSaleId"/> and <see cref="ReservationId"/> (and may pass the reservation's own
/// <see cref="PaymentDeadline"/>); a normal purchase leaves them null.
/// </summary>
public sealed record NewOrder(
    Guid BuyerId,
    Guid SellerId,
    Guid ListingId,
    int Quantity,
    Money UnitPrice,
    string Actor,
    Guid? FlashSaleId = null,
    Guid? ReservationId = null,
    DateTimeOffset? PaymentDeadline = null,
    Guid? OrderId = null);
