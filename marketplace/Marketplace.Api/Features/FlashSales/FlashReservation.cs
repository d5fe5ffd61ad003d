namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The durable decision for one reservation the Redis gate accepted: a row exists only once the
/// consumer ordered it or the reconciler released it. The primary key is the reservation id, so the
/// first conditional insert wins and the other side backs off.
/// </summary>
public sealed class FlashReservation
{
    public Guid Id { get; set; }

    public Guid SaleId { get; set; }

    public Guid UserId { get; set; }

    public string Status { get; set; } = ReservationStatus.Ordered;

    public Guid? OrderId { get; set; }

    /// <summary>Why a reservation was released (sale-ended, sold-out, duplicate-buyer); null when ordered.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset ReservedAt { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
