namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The Kafka message for one accepted reservation (keyed by reservation id). Redelivery and re-publishing
/// are expected: the consumer decides each reservation id once.
/// </summary>
public sealed record OrderRequested(
    Guid ReservationId,
    Guid SaleId,
    Guid UserId,
    Guid ListingId,
    decimal UnitPrice,
    string Currency,
    DateTimeOffset RequestedAt);
