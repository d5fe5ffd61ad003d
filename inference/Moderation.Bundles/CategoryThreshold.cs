namespace Moderation.Bundles;

/// <summary>
/// Score cut-offs for one category (score = sigmoid(logit)): reject at or above <see cref="Reject"/>; hold for human
/// review in the band [<see cref="Hold"/>, <see cref="Reject"/>).
/// </summary>
public sealed record CategoryThreshold(double Reject, double Hold)
{
    /// <summary>Used when a run has no thresholds chosen on validation.</summary>
    public static CategoryThreshold Default { get; } = new(0.5, 0.35);
}
