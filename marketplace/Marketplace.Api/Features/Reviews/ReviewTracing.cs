using System.Diagnostics;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// A review's trace crosses the database: the submit request's W3C <c>traceparent</c> is stored with the review, and the
/// worker's span for a moderation call continues the trace of the batch's first review and links every other one, so a
/// review's submit, the worker's call and the inference service's handling of it are one trace (the HTTP client and
/// the inference service carry it on in the request's headers).
/// </summary>
public static class ReviewTracing
{
    public const string SourceName = "Marketplace.Reviews";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current span's <c>traceparent</c> to store with a new review; null when nothing is being traced.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Recorded: true } current ? current.Id : null;

    /// <summary>The worker's span around one moderation call for <paramref name="batch"/>.</summary>
    public static Activity? StartModeration(IReadOnlyList<ClaimedReview> batch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var contexts = batch.Select(r => ActivityContext.TryParse(r.TraceParent, null, isRemote: true, out var context) ? context : default)
            .Where(c => c != default).ToList();
        var parent = contexts.Count > 0 ? contexts[0] : default;
        var activity = Source.StartActivity("moderate reviews", ActivityKind.Consumer, parent, links: contexts.Skip(1).Select(c => new ActivityLink(c)));
        activity?.SetTag("marketplace.reviews.count", batch.Count);
        return activity;
    }
}
