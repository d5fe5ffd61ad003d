using System.Text.Json.Serialization;

namespace Moderation.Taxonomy;

/// <summary>
/// Score cut-offs for one category (score = sigmoid(logit)): reject at or above <see cref="Reject"/>; hold for human
/// review in the band [<see cref="Hold"/>, <see cref="Reject"/>). The one threshold type of thresholds.json,
/// labels.json, the service's rules and the verdict contract; the JSON names are explicit because thresholds.json is
/// written without camelCase.
/// </summary>
public sealed record CategoryThreshold(
    [property: JsonPropertyName("reject"), JsonRequired] double Reject,
    [property: JsonPropertyName("hold"), JsonRequired] double Hold)
{
    /// <summary>Reject threshold of a run with no thresholds chosen on validation.</summary>
    public const double DefaultReject = 0.5;

    /// <summary>Hold threshold of a run with no thresholds chosen on validation.</summary>
    public const double DefaultHold = 0.35;

    /// <summary>Used when a run has no thresholds chosen on validation: reject at 0.5, hold from 0.35.</summary>
    public static CategoryThreshold Default { get; } = new(DefaultReject, DefaultHold);
}
