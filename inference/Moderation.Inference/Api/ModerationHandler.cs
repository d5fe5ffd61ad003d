using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Inference.Batching;
using Moderation.Inference.Observability;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Api;

/// <summary>
/// <c>POST /v1/moderate</c>: validate, tokenize on the request's thread, queue every text with the micro-batcher,
/// and answer when all verdicts are in. The request holds a reference on the runtime it started with, so a hot
/// swap never changes models under it and its <c>modelVersion</c> names the model that scored every item.
/// </summary>
public sealed class ModerationHandler(ModelHolder holder, MicroBatcher batcher, InferenceMetrics metrics, IOptions<InferenceOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly InferenceOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var (outcome, result) = await ModerateAsync(context);
        metrics.RecordRequest(outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private async Task<(string Outcome, IResult Result)> ModerateAsync(HttpContext context)
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
            return await ScoreAsync(context, runtime, body!.Items!);
        }
        finally
        {
            runtime.Release();
        }
    }

    private async Task<(string Outcome, IResult Result)> ScoreAsync(HttpContext context, ModelRuntime runtime, List<ModerateItemBody?> items)
    {
        var queued = new ScoringItem[items.Count];
        var truncated = new bool[items.Count];
        batcher.BeginArrival();
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                var (ids, cut) = TextEncoder.Encode(runtime, items[i]!.Text!);
                queued[i] = new ScoringItem(runtime, ids);
                truncated[i] = cut;
            }

            if (!batcher.TryEnqueue(queued))
            {
                context.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ("shed", Problems.Of(StatusCodes.Status429TooManyRequests, ProblemTypes.Overloaded, "Too many requests",
                    $"the scoring queue is full ({_options.QueueCapacity} texts); retry after {_options.RetryAfterSeconds} s"));
            }
        }
        finally
        {
            batcher.EndArrival();
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(_options.RequestTimeoutMs);
        await using (deadline.Token.Register(() => Array.ForEach(queued, item => item.Abandon())))
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

        var verdicts = new ModerationVerdict[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var logits = queued[i].Result.Result;
            verdicts[i] = runtime.Verdicts.Build(items[i]!.Id!, logits.Family, logits.Category, truncated[i]);
        }

        metrics.RecordTexts(items.Count);
        return ("ok", Results.Ok(new ModerationResponse(runtime.Bundle.Version, verdicts)));
    }
}
