namespace Marketplace.Api.Features.Payments;

/// <summary>The <c>Payments</c> configuration section; validated at start-up.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>How often pending refunds are retried at the gateway (same out_request_no each time).</summary>
    public TimeSpan RefundRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pending refunds retried per sweep.</summary>
    public int RefundBatchSize { get; set; } = 100;

    public IEnumerable<string> Validate()
    {
        if (RefundRetryInterval <= TimeSpan.Zero)
        {
            yield return "Payments:RefundRetryInterval must be positive.";
        }

        if (RefundBatchSize is < 1 or > 10_000)
        {
            yield return "Payments:RefundBatchSize must be between 1 and 10000.";
        }
    }
}
