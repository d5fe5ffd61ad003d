using System.ComponentModel.DataAnnotations;

namespace Moderation.Contracts;

/// <summary>
/// Where the inference service is and how hard the client tries. The circuit breaker's sampling window must be
/// at least twice the attempt timeout (a rule of the resilience pipeline, checked at start-up).
/// </summary>
public sealed class ModerationClientOptions
{
    public const string Section = "Moderation";

    [Required]
    public Uri? BaseAddress { get; set; }

    /// <summary>One try, waiting for the answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>All tries together, back-offs included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off; later ones grow exponentially, with jitter so clients do not retry in step.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
