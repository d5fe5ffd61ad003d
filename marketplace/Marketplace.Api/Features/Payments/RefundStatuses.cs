namespace Marketplace.Api.Features.Payments;

public static class RefundStatuses
{
    public const string Pending = "PENDING";
    public const string Succeeded = "SUCCEEDED";

    /// <summary>The gateway refused a buyer's refund for good; the order may ship again.</summary>
    public const string Failed = "FAILED";
}
