using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Inference.Batching;

namespace Moderation.Inference.Tests;

/// <summary>With the batcher stopped nothing is scored, so timeouts and client cancellations are the only way out.</summary>
public class CancellationTests
{
    [Fact]
    public async Task A_request_past_its_timeout_gets_503_and_its_texts_leave_the_queue()
    {
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1), ("RequestTimeoutMs", "300"));
        var ct = TestContext.Current.CancellationToken;
        var batcher = server.Services.GetRequiredService<MicroBatcher>();
        await batcher.StopAsync(ct);

        using var response = await server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest([new ModerationItem("a", "hello"), new ModerationItem("b", "world")]), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("https://moderation.local/problems/inference/timeout", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_that_gives_up_is_counted_as_cancelled()
    {
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1));
        var ct = TestContext.Current.CancellationToken;
        var batcher = server.Services.GetRequiredService<MicroBatcher>();
        await batcher.StopAsync(ct);

        // The client gives up once its text waits in the queue: a fixed 300 ms could end, on a loaded machine, before
        // the request reached the service, which then had nothing to count.
        using var giveUp = new CancellationTokenSource();
        var request = server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest([new ModerationItem("a", "hello")]), giveUp.Token);
        for (var i = 0; i < 300 && batcher.QueueDepth == 0; i++)
        {
            await Task.Delay(100, ct);
        }

        Assert.Equal(1, batcher.QueueDepth);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        var metrics = "";
        for (var i = 0; i < 100 && !metrics.Contains("outcome=\"cancelled\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, ct);
            metrics = await server.Client.GetStringAsync("metrics", ct);
        }

        Assert.Contains("outcome=\"cancelled\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abandoned_texts_are_skipped_and_the_rest_are_scored()
    {
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1));
        var ct = TestContext.Current.CancellationToken;
        var batcher = server.Services.GetRequiredService<MicroBatcher>();
        await batcher.StopAsync(ct);
        var runtime = server.Holder.Acquire()!;
        var items = Enumerable.Range(0, 6).Select(i => new ScoringItem(runtime, [0, 10 + i, 2])).ToList();
        Assert.True(batcher.TryEnqueue(items));
        Assert.Equal(6, batcher.QueueDepth);
        items[1].Abandon();
        items[4].Abandon();

        await batcher.StartAsync(ct);
        await Task.WhenAll(items.Where((_, i) => i is not 1 and not 4).Select(i => i.Result));
        Assert.True(items[1].Result.IsCanceled);
        Assert.True(items[4].Result.IsCanceled);
        Assert.Equal(0, batcher.QueueDepth);
        runtime.Release();
    }
}
