using System.Diagnostics;
using Marketplace.Api.Features.Reviews;
using Marketplace.Tests.Reviews;
using Moderation.Inference.Tests;

namespace Marketplace.Tests.Observability;

/// <summary>
/// A review is one trace although PostgreSQL sits between its submit and its moderation: the submit request, the
/// worker's moderation span (continued from the traceparent stored with the review) and the call to inference.
/// </summary>
public sealed class ReviewTracingTests : IAsyncLifetime
{
    private InferenceServer? _inference;
    private TracedReviewsApiFactory? _api;

    public async ValueTask InitializeAsync()
    {
        var bundle = await KnownActionBundle.GetAsync();
        _inference = await InferenceServer.StartAsync(bundle.Directory);
        _api = new TracedReviewsApiFactory(_inference.Address);
        await _api.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_inference is not null)
        {
            await _inference.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_reviews_submit_the_workers_moderation_and_the_inference_call_share_one_trace()
    {
        var api = _api!;
        var order = await api.OrderAsync();
        var reviewId = await order.SubmitAsync("Fast delivery, the key worked at once. Great seller!");
        await order.Buyer.Client.ModeratedAsync(reviewId);

        // Spans are process-wide (other tests' hosts submit reviews too): this order's submit, by its path.
        var path = $"/api/orders/{order.OrderId}/reviews";
        var submit = await api.WaitForSpanAsync(s => s.Kind == ActivityKind.Server && (s.GetTagItem("url.path") as string) == path);
        var moderation = await api.WaitForSpanAsync(s => s.Source.Name == ReviewTracing.SourceName && s.TraceId == submit.TraceId);
        var call = await api.WaitForSpanAsync(s => s.Kind == ActivityKind.Client && s.ParentSpanId == moderation.SpanId
            && s.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal));

        Assert.Equal(ActivityKind.Consumer, moderation.Kind);
        Assert.Equal(submit.TraceId, call.TraceId);
        Assert.Equal(_inference!.Address.Port, (call.GetTagItem("server.port") as int?) ?? -1);
        Assert.Equal(submit.SpanId, moderation.ParentSpanId);
    }
}
