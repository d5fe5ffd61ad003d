namespace Marketplace.Api.Features.FlashSales;

public sealed record PurchaseAccepted(Guid ReservationId);
