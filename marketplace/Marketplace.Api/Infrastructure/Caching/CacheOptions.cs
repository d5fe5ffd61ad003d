using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>The read cache's knobs (section <c>Cache</c>); validated at start-up.</summary>
public sealed class CacheOptions : IValidatableObject
{
    public const string Section = "Cache";

    /// <summary>Off: every read goes to PostgreSQL (the benchmark's uncached baseline).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>L1 bound in entries.</summary>
    [Range(16, 10_000_000)]
    public long L1MaxEntries { get; set; } = 100_000;

    /// <summary>After this a hit is served stale while one background refresh reloads it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan LogicalTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Physical lifetime in L1 and L2 before the jitter is added; the last safety net.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PhysicalTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Smallest random offset added to every physical TTL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JitterMin { get; set; } = TimeSpan.Zero;

    /// <summary>Largest random offset added to every physical TTL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JitterMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an id that passed the bloom filter but is not in PostgreSQL is remembered as absent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan NegativeTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest random offset added to a negative entry's TTL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NegativeJitterMax { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Lease of the cross-instance refresh lock; a crashed refresher frees it after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefreshLockTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ids the bloom filter is sized for.</summary>
    [Range(1_000, 200_000_000)]
    public long BloomExpectedItems { get; set; } = 1_000_000;

    /// <summary>False-positive rate the bloom filter is sized for at <see cref="BloomExpectedItems"/>.</summary>
    [Range(1e-9, 0.5)]
    public double BloomFalsePositiveRate { get; set; } = 0.001;

    /// <summary>How often each instance checks the filter is still in Redis (rebuilding it if Redis lost it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BloomCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Kafka topic of failed cache deletes (and bloom adds) waiting to be retried.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9._-]{1,249}$")]
    public string RepairTopic { get; set; } = "cache.repair";

    [Required]
    public string RepairGroup { get; set; } = "marketplace.cache-repair";

    /// <summary>Run the retry consumer in this process.</summary>
    public bool RepairConsumerEnabled { get; set; } = true;

    /// <summary>First retry's delay; doubles per attempt up to <see cref="RepairMaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RepairInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two tries of one repair (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RepairMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tries of one repair before it goes to the dead-letter topic for an admin to replay (default 100: with the
    /// default back-offs about 47 minutes of Redis being unreachable).
    /// </summary>
    [Range(1, 10_000)]
    public int RepairMaxAttempts { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (JitterMax < JitterMin)
        {
            yield return new ValidationResult("Cache:JitterMax must not be below Cache:JitterMin.", [nameof(JitterMax)]);
        }

        if (LogicalTtl >= PhysicalTtl)
        {
            yield return new ValidationResult("Cache:LogicalTtl must be shorter than Cache:PhysicalTtl.", [nameof(LogicalTtl)]);
        }

        if (RepairMaxBackoff < RepairInitialBackoff)
        {
            yield return new ValidationResult("Cache:RepairMaxBackoff must not be below Cache:RepairInitialBackoff.", [nameof(RepairMaxBackoff)]);
        }
    }
}
