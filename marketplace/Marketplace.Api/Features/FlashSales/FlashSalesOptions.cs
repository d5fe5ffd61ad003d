using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.FlashSales;

public sealed class FlashSalesOptions
{
    public const string Section = "FlashSales";

    /// <summary>A reservation without an order after this long is re-published by the reconciler.</summary>
    [Range(1, 3600)]
    public int ReservationTimeoutSeconds { get; set; } = 30;

    /// <summary>After a sale ends, reservations still without an order are released once this has passed too.</summary>
    [Range(0, 86_400)]
    public int ReleaseGraceSeconds { get; set; } = 60;

    /// <summary>Pause between reconciler passes.</summary>
    [Range(50, 600_000)]
    public int ReconcileIntervalMilliseconds { get; set; } = 5000;

    /// <summary>Reservations settled per sale per reconciler pass.</summary>
    [Range(1, 100_000)]
    public int ReconcileBatchSize { get; set; } = 500;

    /// <summary>How long a purchase's first answer is replayed for the same Idempotency-Key.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int IdempotencyTtlSeconds { get; set; } = 24 * 3600;

    public bool ReconcilerEnabled { get; set; } = true;

    public TimeSpan ReservationTimeout => TimeSpan.FromSeconds(ReservationTimeoutSeconds);

    public TimeSpan ReleaseGrace => TimeSpan.FromSeconds(ReleaseGraceSeconds);
}
