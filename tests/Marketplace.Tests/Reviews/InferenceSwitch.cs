using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// A scripted stand-in on its own Kestrel port, in front of the real inference service: it forwards
/// <c>/v2/moderate</c>, <c>/v1/model</c> and <c>/readyz</c> untouched while up, drops every connection while down
/// (as a crashed service would), can hold moderate calls for a while, can refuse <c>/v1/model</c>, can mark verdicts truncated,
/// and can malform the verdicts of, or garble whole answers to, texts carrying a marker. Tests need this exact control over
/// when the service is reachable or slow, which the real service cannot be told to do; the verdicts are still
/// the real service's.
/// </summary>
internal sealed class InferenceSwitch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private volatile bool _down;
    private volatile bool _refuseModel;
    private volatile bool _reportTruncated;
    private volatile string? _rejectingName;
    private volatile string? _malformMarker;
    private volatile string? _garbleMarker;
    private volatile string? _dropMarker;
    private TimeSpan _moderateDelay;
    private int _moderateCalls;
    private TaskCompletionSource _moderateStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private InferenceSwitch(WebApplication app, Uri upstream)
    {
        _app = app;
        _upstream = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; private set; } = null!;

    public int ModerateCalls => Volatile.Read(ref _moderateCalls);

    public static async Task<InferenceSwitch> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var proxy = new InferenceSwitch(app, upstream);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return proxy;
    }

    public void Down() => _down = true;

    public void Up() => _down = false;

    /// <summary><c>GET /v1/model</c> answers 404 (a service that does not describe its model).</summary>
    public void RefuseModel() => _refuseModel = true;

    /// <summary>
    /// Moderate answers say every verdict left part of its text unscored, actions untouched: what a service that does
    /// not hold such verdicts itself (an older one) would send. The real service holds them, so it cannot be made to.
    /// </summary>
    public void ReportTruncated() => _reportTruncated = true;

    /// <summary>
    /// Every rejecting verdict names <paramref name="category"/> as the one category it was flagged and rejected for,
    /// scores untouched: a decision the scores and thresholds alone would not give, so only a client that takes the
    /// verdict's own decision stores it.
    /// </summary>
    public void NameRejecting(string category) => _rejectingName = category;

    /// <summary>
    /// Verdicts for texts containing <paramref name="marker"/> come back malformed (no language family, no scores, no
    /// error): a broken service's answer, which the real one cannot be made to send.
    /// </summary>
    public void MalformVerdictsOf(string marker) => _malformMarker = marker;

    /// <summary>Verdicts for texts containing <paramref name="marker"/> are left out of the answer.</summary>
    public void DropVerdictsOf(string marker) => _dropMarker = marker;

    /// <summary>A moderate call with any text containing <paramref name="marker"/> is answered 200 with unreadable JSON.</summary>
    public void GarbleAnswersFor(string marker) => _garbleMarker = marker;

    /// <summary>Moderate calls wait this long before being forwarded.</summary>
    public void SlowModerate(TimeSpan delay)
    {
        _moderateDelay = delay;
        _moderateStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when a moderate call has arrived since the last <see cref="SlowModerate"/>.</summary>
    public Task ModerateStarted => _moderateStarted.Task;

    private async Task HandleAsync(HttpContext context)
    {
        if (_down)
        {
            context.Abort();
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (_refuseModel && path == "/v1/model")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { type = "https://moderation.local/problems/not-found", title = "Not found", status = 404 });
            return;
        }

        if (path == "/v2/moderate")
        {
            Interlocked.Increment(ref _moderateCalls);
            _moderateStarted.TrySetResult();
            if (_moderateDelay > TimeSpan.Zero)
            {
                await Task.Delay(_moderateDelay, context.RequestAborted);
            }
        }

        string? request = null;
        if (path == "/v2/moderate" && (_malformMarker is not null || _garbleMarker is not null || _dropMarker is not null))
        {
            using var reader = new StreamReader(context.Request.Body);
            request = await reader.ReadToEndAsync(context.RequestAborted);
            if (_garbleMarker is { } garble && request.Contains(garble, StringComparison.Ordinal))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"modelVersion\": \"x\", \"results\": [{\"id\": ", context.RequestAborted);
                return;
            }
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), path.TrimStart('/') + context.Request.QueryString);
        if (request is not null)
        {
            forward.Content = new StringContent(request);
            forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType!);
        }
        else if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            forward.Content = new StreamContent(context.Request.Body);
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var answer = await _upstream.SendAsync(forward, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        if (request is not null && answer.IsSuccessStatusCode)
        {
            var malformed = Marked(request, _malformMarker);
            var dropped = Marked(request, _dropMarker);
            var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync(context.RequestAborted))!;
            var results = body["results"]!.AsArray();
            foreach (var verdict in results.Where(v => malformed.Contains(v!["id"]!.GetValue<string>())))
            {
                verdict!["family"] = null;
                verdict.AsObject().Remove("categories");
            }

            foreach (var verdict in results.Where(v => dropped.Contains(v!["id"]!.GetValue<string>())).ToList())
            {
                results.Remove(verdict);
            }

            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
            return;
        }

        if ((_reportTruncated || _rejectingName is not null) && path == "/v2/moderate" && answer.IsSuccessStatusCode)
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync(context.RequestAborted))!;
            foreach (var verdict in body["results"]!.AsArray())
            {
                if (_reportTruncated)
                {
                    verdict!["truncated"] = true;
                }

                if (_rejectingName is { } name && verdict!["action"]!.GetValue<string>() == "reject")
                {
                    verdict["flagged"] = new System.Text.Json.Nodes.JsonArray(name);
                    verdict["rejecting"] = new System.Text.Json.Nodes.JsonArray(name);
                }
            }

            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
            return;
        }

        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    // The ids of the request's items whose text contains the marker.
    private static HashSet<string> Marked(string request, string? marker) =>
        marker is null
            ? []
            : System.Text.Json.Nodes.JsonNode.Parse(request)!["items"]!.AsArray()
                .Where(item => item!["text"]!.GetValue<string>().Contains(marker, StringComparison.Ordinal))
                .Select(item => item!["id"]!.GetValue<string>())
                .ToHashSet(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
