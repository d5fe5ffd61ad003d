namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>The <c>Locking</c> configuration section.</summary>
public sealed class LockingOptions
{
    public const string Section = "Locking";

    /// <summary>
    /// How long a lock lives without renewal. While its holder runs, the watchdog renews it every
    /// third of this; a crashed holder's lock frees at most this long after the crash.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);
}
