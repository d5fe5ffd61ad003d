using Moderation.Training.Tracking;

namespace Moderation.Training.Tests.Tracking;

public sealed class RestTrackerTests
{
    [Fact]
    public void Requests_follow_the_mlflow_rest_api()
    {
        using var server = new FakeMlflowServer();
        using (var tracker = RestTracker.Start(server.Uri, "moderation", "tiny-ref", new Dictionary<string, string> { ["moderation.preset"] = "tiny" }))
        {
            Assert.Equal(FakeMlflowServer.RunId, tracker.RunId);
            Assert.Equal("7", tracker.ExperimentId);
            tracker.LogParams(new Dictionary<string, string> { ["batch_size"] = "32", ["lr"] = "0.001" });
            tracker.LogMetrics(Enumerable.Range(1, 1500).Select(step => new MetricPoint("loss", 1.0 / step, step, 1_700_000_000_000 + step)));
            tracker.SetTags(new Dictionary<string, string> { ["moderation.stop_reason"] = "Completed" });
            var file = Path.Combine(Path.GetTempPath(), $"run-{Guid.NewGuid():N}.json");
            File.WriteAllText(file, "{}");
            tracker.LogArtifact(file);
            tracker.Finish(RunStatus.Finished);
        }

        var requests = server.Requests;
        Assert.Equal(("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=moderation"), (requests[0].Method, requests[0].Path));
        Assert.Equal(("POST", "/api/2.0/mlflow/experiments/create"), (requests[1].Method, requests[1].Path));
        Assert.Equal("moderation", (string?)requests[1].Body!["name"]);

        var create = requests[2];
        Assert.Equal(("POST", "/api/2.0/mlflow/runs/create"), (create.Method, create.Path));
        Assert.Equal("7", (string?)create.Body!["experiment_id"]);
        Assert.Equal("tiny-ref", (string?)create.Body["run_name"]);
        Assert.True((long)create.Body["start_time"]! > 1_600_000_000_000);
        var tags = create.Body["tags"]!.AsArray().ToDictionary(t => (string)t!["key"]!, t => (string)t!["value"]!);
        Assert.Equal("tiny-ref", tags["mlflow.runName"]);
        Assert.Equal("tiny", tags["moderation.preset"]);

        var batches = requests.Where(r => r.Path == "/api/2.0/mlflow/runs/log-batch").ToList();
        Assert.All(batches, b => Assert.Equal("POST", b.Method));
        Assert.All(batches, b => Assert.Equal(FakeMlflowServer.RunId, (string?)b.Body!["run_id"]));
        var paramBatch = batches.Single(b => b.Body!["params"] is not null);
        Assert.Equal(["batch_size=32", "lr=0.001"], paramBatch.Body!["params"]!.AsArray().Select(p => $"{p!["key"]}={p["value"]}").Order());
        var metricBatches = batches.Where(b => b.Body!["metrics"] is not null).Select(b => b.Body!["metrics"]!.AsArray()).ToList();
        Assert.Equal([1000, 500], metricBatches.Select(m => m.Count));
        var first = metricBatches[0][0]!.AsObject();
        Assert.Equal("loss", (string?)first["key"]);
        Assert.Equal(1.0, (double)first["value"]!);
        Assert.Equal(1_700_000_000_001, (long)first["timestamp"]!);
        Assert.Equal(1, (long)first["step"]!);
        Assert.Equal(Enumerable.Range(1, 1500), metricBatches.SelectMany(m => m).Select(m => (int)(long)m!["step"]!));
        Assert.Contains(batches, b => b.Body!["tags"]?.AsArray().Any(t => (string?)t!["key"] == "moderation.stop_reason") == true);

        Assert.Contains(requests, r => r.Method == "PUT" && r.Path.StartsWith($"/api/2.0/mlflow-artifacts/artifacts/7/{FakeMlflowServer.RunId}/artifacts/run-", StringComparison.Ordinal));
        var update = requests[^1];
        Assert.Equal(("POST", "/api/2.0/mlflow/runs/update"), (update.Method, update.Path));
        Assert.Equal(FakeMlflowServer.RunId, (string?)update.Body!["run_id"]);
        Assert.Equal("FINISHED", (string?)update.Body["status"]);
        Assert.True((long)update.Body["end_time"]! >= (long)create.Body["start_time"]!);
    }

    [Fact]
    public void An_existing_experiment_is_reused_and_server_errors_surface()
    {
        using var server = new FakeMlflowServer();
        using (RestTracker.Start(server.Uri, "moderation", "a"))
        {
        }

        using (RestTracker.Start(server.Uri, "moderation", "b"))
        {
        }

        Assert.Single(server.Requests, r => r.Path == "/api/2.0/mlflow/experiments/create");
        // A run the server does not know: it answers 400 with an MLflow error body, which the client reports.
        var error = Assert.Throws<MlflowRestException>(() => RestTracker.Resume(server.Uri, "ffffffffffffffffffffffffffffffff"));
        Assert.Contains("HTTP 400 BAD_REQUEST", error.Message, StringComparison.Ordinal);
    }
}
