using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Moderation.Training.Tests.Tracking;

/// <summary>
/// A local HTTP listener that answers MLflow REST 2.0 calls the way a tracking server does and records
/// each request (method, path with query, parsed JSON body) for the test to check.
/// </summary>
internal sealed class FakeMlflowServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly HashSet<string> experiments = new(StringComparer.Ordinal);

    public FakeMlflowServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(Serve);
    }

    public int Port { get; }
    public Uri Uri => new($"http://127.0.0.1:{Port}");
    public List<(string Method, string Path, JsonNode? Body)> Requests { get; } = [];
    public const string RunId = "0123456789abcdef0123456789abcdef";

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var body = text.Length == 0 ? null : JsonNode.Parse(text);
            var path = context.Request.Url!.AbsolutePath;
            var method = context.Request.HttpMethod;
            lock (Requests)
            {
                Requests.Add((method, context.Request.Url.PathAndQuery, body));
            }

            var (status, answer) = Answer(method, path, context.Request.QueryString["experiment_name"], body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, JsonObject Body) Answer(string method, string path, string? experimentName, JsonNode? body) => (method, path) switch
    {
        ("GET", "/api/2.0/mlflow/experiments/get-by-name") when experimentName is not null && experiments.Contains(experimentName) =>
            (200, new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = "7", ["name"] = experimentName, ["lifecycle_stage"] = "active" } }),
        ("GET", "/api/2.0/mlflow/experiments/get-by-name") =>
            (404, new JsonObject { ["error_code"] = "RESOURCE_DOES_NOT_EXIST", ["message"] = $"Could not find experiment with name '{experimentName}'" }),
        ("POST", "/api/2.0/mlflow/experiments/create") when (string?)body?["name"] is { } name && experiments.Add(name) =>
            (200, new JsonObject { ["experiment_id"] = "7" }),
        ("POST", "/api/2.0/mlflow/runs/create") when (string?)body?["experiment_id"] == "7" => (200, new JsonObject
        {
            ["run"] = new JsonObject
            {
                ["info"] = new JsonObject
                {
                    ["run_id"] = RunId, ["run_uuid"] = RunId, ["experiment_id"] = "7", ["status"] = "RUNNING",
                    ["artifact_uri"] = $"mlflow-artifacts:/7/{RunId}/artifacts", ["lifecycle_stage"] = "active",
                },
                ["data"] = new JsonObject(),
            },
        }),
        ("POST", "/api/2.0/mlflow/runs/log-batch") when (string?)body?["run_id"] == RunId => (200, new JsonObject()),
        ("POST", "/api/2.0/mlflow/runs/update") when (string?)body?["run_id"] == RunId =>
            (200, new JsonObject { ["run_info"] = new JsonObject { ["run_id"] = RunId, ["status"] = (string?)body!["status"] } }),
        ("PUT", _) when path.StartsWith($"/api/2.0/mlflow-artifacts/artifacts/7/{RunId}/artifacts/", StringComparison.Ordinal) => (200, new JsonObject()),
        _ => (400, new JsonObject { ["error_code"] = "BAD_REQUEST", ["message"] = $"unexpected {method} {path}" }),
    };

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }
}
