namespace Moderation.Training.Tracking;

/// <summary>One metric value at a training step; timestamp in Unix milliseconds, as MLflow stores it.</summary>
public sealed record MetricPoint(string Key, double Value, long Step, long Timestamp)
{
    public static MetricPoint Now(string key, double value, long step) => new(key, value, step, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
