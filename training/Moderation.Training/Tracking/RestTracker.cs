using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Moderation.Training.Tracking;

/// <summary>
/// A run on an MLflow tracking server through its REST API 2.0: experiments/get-by-name (+ create),
/// runs/create, runs/log-batch (metrics buffered and sent in batches within the server's limits:
/// 1000 metrics, 100 params, 100 tags, 1000 items per request), runs/update for the final status,
/// and artifacts through the server's proxied artifact store (PUT mlflow-artifacts) when the run's
/// artifact URI is <c>mlflow-artifacts:</c>.
/// </summary>
public sealed class RestTracker : IRunTracker
{
    private const int MaxMetricsPerBatch = 1000;
    private const int MaxParamsOrTagsPerBatch = 100;
    private readonly HttpClient http;
    private readonly bool ownsClient;
    private readonly List<MetricPoint> pending = [];
    private readonly string artifactUri;
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private RestTracker(HttpClient http, bool ownsClient, string experimentId, string runId, string artifactUri)
    {
        this.http = http;
        this.ownsClient = ownsClient;
        ExperimentId = experimentId;
        RunId = runId;
        this.artifactUri = artifactUri;
    }

    public string RunId { get; }
    public string ExperimentId { get; }
    public string Location => new Uri(http.BaseAddress!, $"#/experiments/{ExperimentId}/runs/{RunId}").AbsoluteUri;

    /// <summary>An HttpClient for the server at <paramref name="trackingUri"/>; MLFLOW_TRACKING_TOKEN or _USERNAME/_PASSWORD become the Authorization header.</summary>
    public static HttpClient CreateClient(Uri trackingUri)
    {
        var baseUri = trackingUri.AbsoluteUri.EndsWith('/') ? trackingUri : new Uri(trackingUri.AbsoluteUri + "/");
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var token = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_TOKEN");
        var user = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_USERNAME");
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (!string.IsNullOrEmpty(user))
        {
            var password = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_PASSWORD") ?? "";
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public static RestTracker Start(Uri trackingUri, string experimentName, string runName, IReadOnlyDictionary<string, string>? tags = null) =>
        Start(CreateClient(trackingUri), ownsClient: true, experimentName, runName, tags);

    public static RestTracker Start(HttpClient http, bool ownsClient, string experimentName, string runName, IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var experimentId = GetOrCreateExperiment(http, experimentName);
        var allTags = MlflowNames.StandardTags(runName);
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            allTags[key] = value;
        }

        var body = new JsonObject
        {
            ["experiment_id"] = experimentId,
            ["user_id"] = Environment.UserName,
            ["run_name"] = runName,
            ["start_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["tags"] = KeyValues(allTags),
        };
        var created = Send(http, HttpMethod.Post, "api/2.0/mlflow/runs/create", body)
            ?? throw new MlflowRestException("runs/create returned no body");
        var info = created["run"]?["info"] ?? throw new MlflowRestException("runs/create returned no run.info");
        var runId = (string?)info["run_id"] ?? (string?)info["run_uuid"] ?? throw new MlflowRestException("runs/create returned no run_id");
        return new RestTracker(http, ownsClient, experimentId, runId, (string?)info["artifact_uri"] ?? "");
    }

    /// <summary>Reopens an existing run (for --resume): runs/get for its artifact URI, then runs/update to RUNNING.</summary>
    public static RestTracker Resume(Uri trackingUri, string runId)
    {
        var http = CreateClient(trackingUri);
        var run = Send(http, HttpMethod.Get, $"api/2.0/mlflow/runs/get?run_id={Uri.EscapeDataString(runId)}", null)
            ?? throw new MlflowRestException("runs/get returned no body");
        var info = run["run"]?["info"] ?? throw new MlflowRestException("runs/get returned no run.info");
        var tracker = new RestTracker(http, true, (string?)info["experiment_id"] ?? "", runId, (string?)info["artifact_uri"] ?? "");
        Send(http, HttpMethod.Post, "api/2.0/mlflow/runs/update", new JsonObject { ["run_id"] = runId, ["status"] = "RUNNING" });
        return tracker;
    }

    public void LogParams(IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var chunk in parameters.Chunk(MaxParamsOrTagsPerBatch))
        {
            LogBatch([], chunk.ToDictionary(kv => kv.Key, kv => MlflowNames.ClipParam(kv.Value)), None);
        }
    }

    public void SetTags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var chunk in tags.Chunk(MaxParamsOrTagsPerBatch))
        {
            LogBatch([], None, chunk.ToDictionary(kv => kv.Key, kv => kv.Value));
        }
    }

    /// <summary>Buffers; points go out in log-batch requests when a batch is full or on <see cref="Flush"/>.</summary>
    public void LogMetrics(IEnumerable<MetricPoint> metrics)
    {
        pending.AddRange(metrics);
        while (pending.Count >= MaxMetricsPerBatch)
        {
            LogBatch(pending.GetRange(0, MaxMetricsPerBatch), None, None);
            pending.RemoveRange(0, MaxMetricsPerBatch);
        }
    }

    public void LogArtifact(string localPath, string? artifactDirectory = null)
    {
        const string proxied = "mlflow-artifacts:/";
        if (!artifactUri.StartsWith(proxied, StringComparison.Ordinal))
        {
            // The server hands out a store this client cannot write to (s3:, a local path on the server, …).
            throw new MlflowRestException($"run artifact URI '{artifactUri}' is not served by the tracking server (mlflow-artifacts:); cannot upload {Path.GetFileName(localPath)}");
        }

        var relative = string.Join('/', new[] { artifactUri[proxied.Length..].Trim('/'), artifactDirectory?.Trim('/'), Path.GetFileName(localPath) }
            .Where(p => !string.IsNullOrEmpty(p)).Select(p => string.Join('/', p!.Split('/').Select(Uri.EscapeDataString))));
        using var content = new ByteArrayContent(File.ReadAllBytes(localPath));
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/2.0/mlflow-artifacts/artifacts/" + relative) { Content = content };
        using var response = http.Send(request);
        EnsureSuccess(response, "mlflow-artifacts upload");
    }

    public void Flush()
    {
        if (pending.Count > 0)
        {
            LogBatch(pending, None, None);
            pending.Clear();
        }
    }

    public void Finish(RunStatus status)
    {
        Flush();
        Send(http, HttpMethod.Post, "api/2.0/mlflow/runs/update", new JsonObject
        {
            ["run_id"] = RunId,
            ["status"] = status.ToString().ToUpperInvariant(),
            ["end_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            http.Dispose();
        }
    }

    private void LogBatch(IReadOnlyList<MetricPoint> metrics, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> tags)
    {
        var body = new JsonObject { ["run_id"] = RunId };
        if (metrics.Count > 0)
        {
            body["metrics"] = new JsonArray([.. metrics.Select(m => (JsonNode)new JsonObject
            {
                ["key"] = m.Key,
                ["value"] = double.IsFinite(m.Value) ? m.Value : JsonValue.Create(m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["timestamp"] = m.Timestamp,
                ["step"] = m.Step,
            })]);
        }

        if (parameters.Count > 0)
        {
            body["params"] = KeyValues(parameters);
        }

        if (tags.Count > 0)
        {
            body["tags"] = KeyValues(tags);
        }

        Send(http, HttpMethod.Post, "api/2.0/mlflow/runs/log-batch", body);
    }

    private static string GetOrCreateExperiment(HttpClient http, string name)
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"api/2.0/mlflow/experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}"))
        using (var response = http.Send(request))
        {
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                EnsureSuccess(response, "experiments/get-by-name");
                var found = Parse(response);
                var experiment = found?["experiment"];
                if (experiment is not null && (string?)experiment["lifecycle_stage"] != "deleted")
                {
                    return (string?)experiment["experiment_id"] ?? throw new MlflowRestException("experiments/get-by-name returned no experiment_id");
                }
            }
        }

        var created = Send(http, HttpMethod.Post, "api/2.0/mlflow/experiments/create", new JsonObject { ["name"] = name });
        return (string?)created?["experiment_id"] ?? throw new MlflowRestException("experiments/create returned no experiment_id");
    }

    private static JsonArray KeyValues(IReadOnlyDictionary<string, string> values) =>
        new([.. values.Select(kv => (JsonNode)new JsonObject { ["key"] = kv.Key, ["value"] = kv.Value })]);

    private static JsonNode? Send(HttpClient http, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = http.Send(request);
        EnsureSuccess(response, path);
        return Parse(response);
    }

    private static JsonNode? Parse(HttpResponseMessage response)
    {
        using var stream = response.Content.ReadAsStream();
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    private static void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string detail;
        try
        {
            var error = Parse(response);
            detail = $"{(string?)error?["error_code"]}: {(string?)error?["message"]}";
        }
        catch (JsonException)
        {
            detail = response.ReasonPhrase ?? "";
        }

        throw new MlflowRestException($"MLflow {what} failed with HTTP {(int)response.StatusCode} {detail}".TrimEnd());
    }
}
