using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.Payments;

/// <summary>The <c>Payments</c> configuration section; validated at start-up.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>How often the refund retrier looks for due PENDING refunds (default 30 s).</summary>
    public TimeSpan RefundRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Due refunds retried per sweep (default 100), earliest due first.</summary>
    public int RefundBatchSize { get; set; } = 100;

    /// <summary>
    /// Gateway attempts on one refund (the buyer's own first one included) before the retrier gives up and marks it
    /// GAVE_UP for an admin (default 12: with the default delays about five and a half hours of trying).
    /// </summary>
    [Range(1, 1000)]
    public int RefundMaxAttempts { get; set; } = 12;

    /// <summary>Wait after a refund's first failed attempt (default 30 s); doubles per failed attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RefundRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts on one refund (default 1 h).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan RefundRetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

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

        if (RefundRetryMaxDelay < RefundRetryBaseDelay)
        {
            yield return "Payments:RefundRetryMaxDelay must not be below Payments:RefundRetryBaseDelay.";
        }
    }
}
