using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;

namespace Moderation.Contracts;

/// <summary>
/// Typed client of the inference service. Timeouts, retries with jitter and the circuit breaker live in the
/// <see cref="HttpClient"/>'s handler pipeline (see <see cref="ModerationClientRegistration"/>); this type maps
/// answers to verdicts or to one of two exceptions: <see cref="ModerationServiceException"/> (the request is
/// wrong) and <see cref="ModerationUnavailableException"/> (try later).
/// </summary>
public sealed class ModerationClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>POST /v2/moderate</c>: each item's scores with the decision the service made from them.</summary>
    public async Task<ModerationDecisionResponse> ModerateAsync(IReadOnlyList<ModerationItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return await SendAsync<ModerationDecisionResponse>(
            () => http.PostAsJsonAsync("v2/moderate", new ModerationRequest(items), Json, cancellationToken),
            cancellationToken);
    }

    public async Task<ModerationDecision> ModerateAsync(string id, string text, CancellationToken cancellationToken = default)
    {
        var response = await ModerateAsync([new ModerationItem(id, text)], cancellationToken);
        return response.Results[0];
    }

    public Task<ModelInfo> GetModelAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ModelInfo>(() => http.GetAsync(new Uri("v1/model", UriKind.Relative), cancellationToken), cancellationToken);

    private static async Task<T> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new ModerationUnavailableException($"moderation service unreachable: {e.Message}", e);
        }
        catch (ExecutionRejectedException e)
        {
            // The pipeline's own refusals: an attempt or total timeout, or an open circuit.
            throw new ModerationUnavailableException($"moderation service unavailable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModerationUnavailableException("moderation service timed out", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new ModerationUnavailableException("moderation service sent an empty body");
            }

            var (type, detail) = await ReadProblemAsync(response, cancellationToken);
            var message = $"moderation service answered {(int)response.StatusCode}: {detail ?? response.ReasonPhrase}";
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500)
            {
                throw new ModerationUnavailableException(message);
            }

            throw new ModerationServiceException(response.StatusCode, type, message);
        }
    }

    private static async Task<(string? Type, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            return (Text(problem, "type"), Text(problem, "detail") ?? Text(problem, "title"));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }
}
