using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Inference.Batching;
using Moderation.Inference.Observability;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;
using Moderation.Text;

namespace Moderation.Inference.Api;

/// <summary>
/// <c>POST /v2/moderate</c> and <c>POST /v1/moderate</c>: validate, cut each text into its rows (windows and sentences) on the request's thread,
/// queue every row with the micro-batcher, and answer when all verdicts are in. The request holds a reference on the
/// runtime it started with, so a hot swap never changes models under it and its <c>modelVersion</c> names the model
/// that scored every item. Both versions score alike; only the answer's shape differs (<see cref="ContractVersion"/>).
/// </summary>
public sealed class ModerationHandler(ModelHolder holder, MicroBatcher batcher, InferenceMetrics metrics, IOptions<InferenceOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InferenceOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context, ContractVersion version)
    {
        var started = Stopwatch.GetTimestamp();
        var (outcome, result) = await ModerateAsync(context, version);
        metrics.RecordRequest(outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private async Task<(string Outcome, IResult Result)> ModerateAsync(HttpContext context, ContractVersion version)
    {
        ModerateRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ModerateRequestBody>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return ("bad_request", Problems.BadRequest(ProblemTypes.MalformedJson, $"the body is not valid JSON for a moderation request: {e.Message}"));
        }

        if (RequestValidator.Validate(body, _options) is { } invalid)
        {
            return ("bad_request", invalid);
        }

        var runtime = holder.Acquire();
        if (runtime is null)
        {
            context.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ("not_ready", Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotReady, "Not ready", "no model bundle is loaded yet"));
        }

        try
        {
            return await ScoreAsync(context, runtime, body!.Items!, version);
        }
        finally
        {
            runtime.Release();
        }
    }

    private async Task<(string Outcome, IResult Result)> ScoreAsync(
        HttpContext context, ModelRuntime runtime, List<ModerateItemBody?> items, ContractVersion version)
    {
        // Every row of every scorable text (windows, then sentences); an item over the character limit gets its
        // own error and the others are still scored.
        var segments = new TextSegments?[items.Count];
        var queued = new List<ScoringItem>();
        batcher.BeginArrival();
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i]!.Text!.Length > _options.MaxTextChars)
                {
                    continue;
                }

                segments[i] = TextEncoder.Segment(runtime, items[i]!.Text!);
                queued.AddRange(segments[i]!.Rows.Select(row => new ScoringItem(runtime, row.Ids)));
            }

            if (queued.Count > _options.QueueCapacity)
            {
                // It would be shed forever: say so once, so the client splits the request instead of retrying it.
                return ("bad_request", Problems.TooLarge(ProblemTypes.TooManyRows,
                    $"the texts make {queued.Count} rows (windows and sentences); the queue holds {_options.QueueCapacity}: send fewer items per request"));
            }

            if (queued.Count > 0 && !batcher.TryEnqueue(queued))
            {
                context.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ("shed", Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.Overloaded, "Too many requests",
                    $"the scoring queue is full ({_options.QueueCapacity} rows); retry after {_options.RetryAfterSeconds} s"));
            }
        }
        finally
        {
            batcher.EndArrival();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(_options.RequestTimeoutMs);
        await using (deadline.Token.Register(() => queued.ForEach(item => item.Abandon())))
        {
            try
            {
                await Task.WhenAll(queued.Select(item => item.Result));
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return ("cancelled", Results.Empty);
            }
            catch (OperationCanceledException)
            {
                return ("timeout", Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Timeout, "Timed out",
                    $"no verdict within {_options.RequestTimeoutMs} ms"));
            }
        }

        var verdicts = new ModerationDecision[items.Count];
        var next = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var id = items[i]!.Id!;
            if (segments[i] is not { } rows)
            {
                verdicts[i] = runtime.Verdicts.Unscored(id, new ItemError(ProblemTypes.TextTooLong, "Text too long",
                    $"'{id}' has {items[i]!.Text!.Length} characters; at most {_options.MaxTextChars}"));
                continue;
            }

            var scored = queued.GetRange(next, rows.Rows.Count);
            next += rows.Rows.Count;
            var (family, categories) = SegmentScores.Combine(rows.Rows,
                [.. scored.Select(item => SegmentScores.Softmax(item.Result.Result.Family))],
                [.. scored.Select(item => SegmentScores.Sigmoid(item.Result.Result.Category))]);
            verdicts[i] = runtime.Verdicts.Decide(id, family, categories, rows.Truncated);
            metrics.RecordSegments(rows.Rows.Count);
        }

        metrics.RecordTexts(items.Count);
        return ("ok", version == ContractVersion.V1
            ? Results.Ok(new ModerationResponse(runtime.Bundle.Version, [.. verdicts.Select(ModerationVerdict.From)]))
            : Results.Ok(new ModerationDecisionResponse(runtime.Bundle.Version, verdicts)));
    }
}
