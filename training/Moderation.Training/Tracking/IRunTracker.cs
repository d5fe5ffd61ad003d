namespace Moderation.Training.Tracking;

/// <summary>
/// One MLflow run: params, tags, metrics and artifacts. Implementations may buffer; <see cref="Flush"/>
/// sends what is pending and <see cref="Finish"/> flushes and sets the final status.
/// </summary>
public interface IRunTracker : IDisposable
{
    string RunId { get; }
    string ExperimentId { get; }
    /// <summary>Where the run can be found (a directory or a server URL), for messages.</summary>
    string Location { get; }

    void LogParams(IReadOnlyDictionary<string, string> parameters);
    void SetTags(IReadOnlyDictionary<string, string> tags);
    void LogMetrics(IEnumerable<MetricPoint> metrics);
    /// <summary>Copies a local file into the run's artifacts (under <paramref name="artifactDirectory"/> when given).</summary>
    void LogArtifact(string localPath, string? artifactDirectory = null);
    void Flush();
    void Finish(RunStatus status);
}
