using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marketplace.Demo.Http;

/// <summary>
/// JSON over one shared <see cref="HttpClient"/> for a base address; each call carries its own bearer token,
/// so hundreds of users share the connection pool. Transport failures stop the scenario with one line.
/// </summary>
public sealed class ApiClient(HttpClient http, Uri baseAddress)
{
    public Uri BaseAddress { get; } = baseAddress;

    public Task<ApiAnswer> GetAsync(string path, string? token, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, null, token, null, ct);

    public Task<ApiAnswer> PostAsync(string path, object? body, string? token, CancellationToken ct, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, token, idempotencyKey, ct);

    /// <summary>An absolute URL another service handed out (the sandbox's payment page).</summary>
    public Task<ApiAnswer> GetAbsoluteAsync(Uri url, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, url.ToString(), null, null, null, ct);

    private async Task<ApiAnswer> SendAsync(HttpMethod method, string path, object? body, string? token, string? idempotencyKey, CancellationToken ct)
    {
        // A leading slash is a path on this service (on Linux "/x" also parses as an absolute file URI).
        var uri = path.StartsWith('/') ? new Uri(BaseAddress, path) : new Uri(path, UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json.Options);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent([]);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return new ApiAnswer(method.Method, uri.PathAndQuery, response.StatusCode, text, ProblemTypeOf(response, text));
        }
        catch (HttpRequestException e)
        {
            throw new DemoAbortedException($"{method} {uri} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DemoAbortedException($"{method} {uri.PathAndQuery} timed out after {http.Timeout.TotalSeconds:F0} s", e);
        }
    }

    private static string? ProblemTypeOf(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } t ? t[(t.LastIndexOf('/') + 1)..] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
