using System.Globalization;
using System.Text;

namespace Moderation.Training.Tracking;

/// <summary>
/// MLflow's file store, written directly so `mlflow ui --backend-store-uri DIR` opens it:
/// <code>
/// DIR/&lt;experiment_id&gt;/meta.yaml                      experiment (name, artifact_location, lifecycle_stage, times)
/// DIR/&lt;experiment_id&gt;/&lt;run_id&gt;/meta.yaml             run (run_id, status 1..5, start/end time, artifact_uri, …)
/// DIR/&lt;experiment_id&gt;/&lt;run_id&gt;/metrics/&lt;key&gt;        one "timestamp value step" line per point
/// DIR/&lt;experiment_id&gt;/&lt;run_id&gt;/params/&lt;key&gt;         the value
/// DIR/&lt;experiment_id&gt;/&lt;run_id&gt;/tags/&lt;key&gt;           the value
/// DIR/&lt;experiment_id&gt;/&lt;run_id&gt;/artifacts/            files
/// </code>
/// Experiment ids are decimal strings (the Default experiment is 0); run ids are 32 hex characters.
/// </summary>
public sealed class FileStoreTracker : IRunTracker
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string runDirectory;
    private readonly Dictionary<string, object?> runMeta;

    private FileStoreTracker(string root, string experimentId, string runId, Dictionary<string, object?> meta)
    {
        Root = root;
        ExperimentId = experimentId;
        RunId = runId;
        runDirectory = Path.Combine(root, experimentId, runId);
        runMeta = meta;
        foreach (var sub in new[] { "metrics", "params", "tags", "artifacts" })
        {
            Directory.CreateDirectory(Path.Combine(runDirectory, sub));
        }
    }

    public string Root { get; }
    public string RunId { get; }
    public string ExperimentId { get; }
    public string Location => runDirectory;
    public string ArtifactDirectory => Path.Combine(runDirectory, "artifacts");

    /// <summary>Starts a new run in the named experiment, creating the store and the experiment as needed.</summary>
    public static FileStoreTracker Start(string root, string experimentName, string runName, IReadOnlyDictionary<string, string>? tags = null)
    {
        root = Path.GetFullPath(root);
        var experimentId = EnsureExperiment(root, experimentName);
        var runId = Guid.NewGuid().ToString("N");
        var now = NowMs();
        var meta = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["artifact_uri"] = new Uri(Path.Combine(root, experimentId, runId, "artifacts")).AbsoluteUri,
            ["end_time"] = null,
            ["entry_point_name"] = "",
            ["experiment_id"] = experimentId,
            ["lifecycle_stage"] = "active",
            ["run_id"] = runId,
            ["run_name"] = runName,
            ["run_uuid"] = runId,
            ["source_name"] = "",
            ["source_type"] = 4,
            ["source_version"] = "",
            ["start_time"] = now,
            ["status"] = (int)RunStatus.Running,
            ["tags"] = MetaYaml.EmptyList.Instance,
            ["user_id"] = Environment.UserName,
        };
        var tracker = new FileStoreTracker(root, experimentId, runId, meta);
        tracker.WriteRunMeta();
        var allTags = MlflowNames.StandardTags(runName);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            allTags[key] = value;
        }

        tracker.SetTags(allTags);
        return tracker;
    }

    /// <summary>Reopens an existing run (for --resume): status back to RUNNING, end time cleared.</summary>
    public static FileStoreTracker Resume(string root, string experimentId, string runId)
    {
        root = Path.GetFullPath(root);
        var path = Path.Combine(root, experimentId, runId, "meta.yaml");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"run {runId} not found in the MLflow file store at {root}");
        }

        var stored = MetaYaml.Read(path);
        var meta = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in stored)
        {
            meta[key] = key is "start_time" or "end_time" or "status" or "source_type"
                ? (value is null ? null : long.Parse(value, CultureInfo.InvariantCulture))
                : key == "tags" ? MetaYaml.EmptyList.Instance : value;
        }

        meta["status"] = (long)RunStatus.Running;
        meta["end_time"] = null;
        var tracker = new FileStoreTracker(root, experimentId, runId, meta);
        tracker.WriteRunMeta();
        return tracker;
    }

    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            WriteValue("params", key, MlflowNames.ClipParam(value));
        }
    }

    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
        {
            WriteValue("tags", key, value);
        }
    }

    public void LogMetrics(IEnumerable<MetricPoint> metrics)
    {
        foreach (var group in metrics.GroupBy(m => m.Key, StringComparer.Ordinal))
        {
            var path = SafePath("metrics", group.Key);
            var lines = new StringBuilder();
            foreach (var m in group)
            {
                lines.Append(CultureInfo.InvariantCulture, $"{m.Timestamp} {m.Value.ToString("R", CultureInfo.InvariantCulture)} {m.Step}\n");
            }

            File.AppendAllText(path, lines.ToString(), Utf8);
        }
    }

    public void LogArtifact(string localPath, string? artifactDirectory = null)
    {
        var target = artifactDirectory is null ? ArtifactDirectory : SafePath("artifacts", artifactDirectory);
        Directory.CreateDirectory(target);
        File.Copy(localPath, Path.Combine(target, Path.GetFileName(localPath)), overwrite: true);
    }

    public void Flush()
    {
        // Every call above already wrote its file.
    }

    public void Finish(RunStatus status)
    {
        runMeta["status"] = (int)status;
        runMeta["end_time"] = NowMs();
        WriteRunMeta();
    }

    public void Dispose()
    {
    }

    private void WriteValue(string kind, string key, string value) => File.WriteAllText(SafePath(kind, key), value, Utf8);

    // Metric, param and tag keys may contain '/', which MLflow maps to sub-directories; '..' and rooted keys are refused.
    private string SafePath(string kind, string key)
    {
        if (key.Length == 0 || key.Split('/').Any(part => part is "" or "." or "..") || Path.IsPathRooted(key))
        {
            throw new ArgumentException($"invalid MLflow {kind} key '{key}'");
        }

        var path = Path.Combine(runDirectory, kind, key.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private void WriteRunMeta() => File.WriteAllText(Path.Combine(runDirectory, "meta.yaml"), MetaYaml.Write(runMeta), Utf8);

    private static string EnsureExperiment(string root, string name)
    {
        Directory.CreateDirectory(root);
        if (!File.Exists(Path.Combine(root, MlflowNames.DefaultExperimentId, "meta.yaml")))
        {
            WriteExperiment(root, MlflowNames.DefaultExperimentId, MlflowNames.DefaultExperimentName);
        }

        var ids = new List<long>();
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var meta = Path.Combine(dir, "meta.yaml");
            if (!long.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !File.Exists(meta))
            {
                continue;
            }

            ids.Add(id);
            var fields = MetaYaml.Read(meta);
            if (fields.GetValueOrDefault("name") == name && fields.GetValueOrDefault("lifecycle_stage") == "active")
            {
                return Path.GetFileName(dir);
            }
        }

        var newId = (ids.Count == 0 ? 1 : ids.Max() + 1).ToString(CultureInfo.InvariantCulture);
        WriteExperiment(root, newId, name);
        return newId;
    }

    private static void WriteExperiment(string root, string id, string name)
    {
        var dir = Path.Combine(root, id);
        Directory.CreateDirectory(dir);
        var now = NowMs();
        var meta = new Dictionary<string, object?>
        {
            ["artifact_location"] = new Uri(dir).AbsoluteUri,
            ["creation_time"] = now,
            ["experiment_id"] = id,
            ["last_update_time"] = now,
            ["lifecycle_stage"] = "active",
            ["name"] = name,
        };
        File.WriteAllText(Path.Combine(dir, "meta.yaml"), MetaYaml.Write(meta), Utf8);
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
