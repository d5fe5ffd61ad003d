namespace Marketplace.Api.Features.Payments;

public static class RefundStatuses
{
    public const string Pending = "PENDING";
    public const string Succeeded = "SUCCEEDED";

    /// <summary>The gateway refused a buyer's refund for good; the order may ship again.</summary>
    public const string Failed = "FAILED";

    /// <summary>
    /// The retrier stopped after its attempt bound (or the gateway refused a refund owed for a cancelled order for
    /// good): money may still be owed, so admins see it (<c>GET /api/admin/refunds/given-up</c>) and settle it.
    /// </summary>
    public const string GaveUp = "GAVE_UP";
}
