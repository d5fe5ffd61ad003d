using System.Text.Json.Serialization;

namespace Moderation.Training.Training;

/// <summary>
/// Which validation figure picks the run's kept model (and counts patience). The default is the average precision
/// of <c>inappropriate</c> on validation rows written by people: the loss is dominated by the easy family task and
/// by generated rows, which the product does not need help with.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckpointMetric>))]
public enum CheckpointMetric
{
    /// <summary>Lowest validation loss (family cross-entropy + mean category BCE).</summary>
    [JsonStringEnumMemberName("loss")]
    Loss,

    /// <summary>Highest <c>inappropriate</c> AP on validation rows written by people.</summary>
    [JsonStringEnumMemberName("people-ap")]
    PeopleAp,

    /// <summary>Highest <c>inappropriate</c> AP on all validation rows.</summary>
    [JsonStringEnumMemberName("ap")]
    Ap,
}

/// <summary>The figure a <see cref="CheckpointMetric"/> reads, as "higher is better".</summary>
public static class CheckpointMetrics
{
    public static readonly IReadOnlyDictionary<string, CheckpointMetric> ByName = new Dictionary<string, CheckpointMetric>(StringComparer.Ordinal)
    {
        ["loss"] = CheckpointMetric.Loss,
        ["people-ap"] = CheckpointMetric.PeopleAp,
        ["ap"] = CheckpointMetric.Ap,
    };

    public static double Score(this CheckpointMetric metric, ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return metric switch
        {
            CheckpointMetric.Loss => -result.Loss,
            // A split without people-written positives falls back to the pooled AP, then to the loss.
            CheckpointMetric.PeopleAp => result.PeopleInappropriateAp ?? result.InappropriateAp ?? -result.Loss,
            CheckpointMetric.Ap => result.InappropriateAp ?? -result.Loss,
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        };
    }
}
