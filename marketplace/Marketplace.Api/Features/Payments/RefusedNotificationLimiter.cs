using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Decides whether a refused notification is stored: at most
/// <see cref="NotificationStorageOptions.RefusedPerSource"/> per source address and
/// <see cref="NotificationStorageOptions.RefusedTotal"/> in all per window (in-process fixed windows,
/// so each API instance keeps its own bound). The rest are only counted
/// (<c>marketplace.payments.notifications_unstored</c>); the answer to the sender is the same.
/// </summary>
public sealed class RefusedNotificationLimiter : IDisposable
{
    public const string MeterName = "Marketplace.Payments";

    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly Counter<long> _unstored;

    public RefusedNotificationLimiter(IOptions<NotificationStorageOptions> options, IMeterFactory meters)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetFixedWindowLimiter(
                source, _ => Window(settings.RefusedPerSource, settings.Window))),
            PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetFixedWindowLimiter(
                "all", _ => Window(settings.RefusedTotal, settings.Window))));
        _unstored = meters.Create(MeterName).CreateCounter<long>("marketplace.payments.notifications_unstored",
            description: "Refused Alipay notifications not stored because their source (or all sources) passed the storage limit.");
    }

    /// <summary>True when a refused notification from <paramref name="source"/> may be stored; otherwise counts it.</summary>
    public bool TryKeep(string source)
    {
        using var lease = _limiter.AttemptAcquire(source);
        if (!lease.IsAcquired)
        {
            _unstored.Add(1);
        }

        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
