using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// The <c>Payments:NotificationStorage</c> section: bounds on what the unauthenticated notify
/// endpoint writes to <c>payment_notifications</c>, so nobody can fill the database through it.
/// Validated at start-up.
/// </summary>
public sealed class NotificationStorageOptions
{
    public const string Section = "Payments:NotificationStorage";

    /// <summary>
    /// Refused notifications stored per source address per <see cref="Window"/>, per API instance;
    /// the rest are counted in <c>marketplace_payments_notifications_unstored_total</c>. Default 20.
    /// </summary>
    [Range(1, 100_000)]
    public int RefusedPerSource { get; set; } = 20;

    /// <summary>Refused notifications stored per <see cref="Window"/> from all sources together, per API instance. Default 200.</summary>
    [Range(1, 1_000_000)]
    public int RefusedTotal { get; set; } = 200;

    /// <summary>The fixed window both refusal limits count in. Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Longest stored form-fields JSON, in characters, of any notification (Alipay's are about 1,500);
    /// a longer one is stored as a marked, truncated prefix. Also the cap on a stored reason. Default 8192.
    /// </summary>
    [Range(256, 1_048_576)]
    public int MaxStoredChars { get; set; } = 8192;
}
