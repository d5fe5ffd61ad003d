namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// <see cref="Status"/> is RESERVED, ORDERED or RELEASED; <see cref="OrderId"/> is set once ORDERED, <see cref="Reason"/>
/// once RELEASED.
/// </summary>
public sealed record ReservationResponse(Guid Id, Guid SaleId, string Status, Guid? OrderId, ReservationReason? Reason = null);
