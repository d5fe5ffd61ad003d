using System.Text.Json.Serialization;

namespace Moderation.Training.Evaluation;

/// <summary>Reject at or above <see cref="Reject"/>; hold for human review in [<see cref="Hold"/>, <see cref="Reject"/>).</summary>
public sealed record ThresholdPair(
    [property: JsonPropertyName("reject"), JsonRequired] double Reject,
    [property: JsonPropertyName("hold"), JsonRequired] double Hold);
