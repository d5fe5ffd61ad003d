namespace Marketplace.Api.Features.FlashSales;

/// <summary>A reservation as the gate stores it in the sale's reservations hash (JSON, times in unix ms).</summary>
public sealed record ReservationRecord(Guid UserId, long CreatedAt, long Deadline);
