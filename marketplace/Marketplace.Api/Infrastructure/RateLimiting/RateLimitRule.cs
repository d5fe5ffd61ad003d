using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>One fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/> per partition.</summary>
public sealed class RateLimitRule
{
    /// <summary>Requests a partition (an address, an account, a buyer) may make per window.</summary>
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; }

    /// <summary>The window's length; the count starts again when it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }

    public static RateLimitRule Of(int permitLimit, TimeSpan window) => new() { PermitLimit = permitLimit, Window = window };
}
