using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Features.Reviews;

/// <summary>The moderation worker's knobs (section <c>Reviews</c>); validated at start-up.</summary>
public sealed class ReviewsOptions : IValidatableObject
{
    public const string Section = "Reviews";

    /// <summary>Run the moderation worker in this process (several instances may run it; claims do not overlap).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks for due PENDING reviews when no submit woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reviews per <c>/v1/moderate</c> call (the service takes at most 64).</summary>
    [Range(1, 64)]
    public int BatchSize { get; set; } = 64;

    /// <summary>
    /// How long a claimed review is not handed to another worker: longer than one moderation call with its
    /// retries, so a live worker keeps its claim; a crashed one's claims come back after it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First wait after the service was unavailable; doubles per failed attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts on one review (default 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Answers without a usable verdict for a review (malformed: unreadable, or a verdict missing its scores) before
    /// the worker stops asking and HOLDS the review for a person, with the reason in its audit row (default 5). Each
    /// such answer backs the review off like an outage does; outages themselves are never counted here.
    /// </summary>
    [Range(1, 100)]
    public int MaxMalformedVerdicts { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Reviews:RetryMaxDelay must not be below Reviews:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}
