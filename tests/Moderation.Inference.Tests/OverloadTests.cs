using System.Net;
using System.Net.Http.Json;
using Moderation.Contracts;

namespace Moderation.Inference.Tests;

public class OverloadTests
{
    [Fact]
    public async Task A_full_queue_sheds_requests_with_429_and_Retry_After_and_answers_the_rest()
    {
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1), ("QueueCapacity", "8"), ("RetryAfterSeconds", "3"));
        var ct = TestContext.Current.CancellationToken;
        var items = Enumerable.Range(0, 4).Select(i => new ModerationItem("i" + i, TestBundles.Corpus[i])).ToList();
        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async _ =>
        {
            await Task.Yield();
            return await server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest(items), ct);
        }));

        var shed = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(shed);
        Assert.All(shed, r => Assert.Equal(TimeSpan.FromSeconds(3), r.Headers.RetryAfter?.Delta));
        Assert.All(responses.Except(shed), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, server.Services.GetService(typeof(Batching.MicroBatcher)) is Batching.MicroBatcher b ? b.QueueDepth : -1);
    }

    [Fact]
    public async Task A_request_larger_than_the_whole_queue_is_refused_with_413_and_the_service_keeps_serving()
    {
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1), ("QueueCapacity", "3"));
        var ct = TestContext.Current.CancellationToken;
        var items = Enumerable.Range(0, 4).Select(i => new ModerationItem("i" + i, "text " + i)).ToList();
        using var response = await server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest(items), ct);
        // Retrying could never succeed, so it is not a 429: the client is told to send fewer items.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too-many-rows", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Single((await Moderate.PostAsync(server.Client, "still serving")).Results);
    }
}
