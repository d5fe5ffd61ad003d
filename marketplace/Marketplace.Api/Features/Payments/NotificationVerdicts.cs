namespace Marketplace.Api.Features.Payments;

/// <summary>What the marketplace did with a notification; only <see cref="Refused"/> is answered <c>failure</c>.</summary>
public static class NotificationVerdicts
{
    /// <summary>This notification moved the order PENDING_PAYMENT → PAID.</summary>
    public const string Applied = "APPLIED";

    /// <summary>The payment was already applied (duplicate, replay, or it lost the race to another copy).</summary>
    public const string AlreadyApplied = "ALREADY_APPLIED";

    /// <summary>Paid, but the order was already cancelled: an automatic refund is recorded.</summary>
    public const string RefundScheduled = "REFUND_SCHEDULED";

    /// <summary>Verified but nothing to apply (a refund notice, an unpaid or closed trade status).</summary>
    public const string Ignored = "IGNORED";

    public const string Refused = "REFUSED";
}
