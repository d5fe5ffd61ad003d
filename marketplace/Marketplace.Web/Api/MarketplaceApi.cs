using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Web.Session;

namespace Marketplace.Web.Api;

/// <summary>
/// The marketplace API as the pages call it: JSON in and out, the signed-in user's bearer token added here on the
/// server (it never reaches the browser), and every failure, refusal or outage returned as an <see cref="ApiProblem"/>
/// rather than thrown, so a page always has something to show.
/// </summary>
public sealed partial class MarketplaceApi(
    HttpClient http, AccessTokenSource tokens, IHttpContextAccessor browser, ILogger<MarketplaceApi> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Put, path, body, cancellationToken);

    public Task<ApiResult<T>> DeleteAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Delete, path, null, cancellationToken);

    /// <summary>A call made with a token the caller holds (sign-in, before the cookie exists).</summary>
    public Task<ApiResult<T>> GetWithTokenAsync<T>(string path, string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken, accessToken);

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        // The API limits sign-ups, sign-ins and purchases per client address; it believes this header from the
        // front-end's address only when that address is in its RateLimiting:KnownProxies.
        if (browser.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
        }

        var token = accessToken ?? await tokens.GetAsync();
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ApiResult<T>.Failure(await ReadProblemAsync(response, cancellationToken));
            }

            if (typeof(T) == typeof(NoContent))
            {
                return ApiResult<T>.Success((T)(object)NoContent.Value);
            }

            var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return value is null
                ? ApiResult<T>.Failure(ApiProblem.Local(502, "The marketplace gave an empty answer."))
                : ApiResult<T>.Success(value);
        }
        catch (HttpRequestException exception)
        {
            LogUnreachable(logger, method.Method, path, exception.Message);
            return ApiResult<T>.Failure(ApiProblem.Unreachable("Try again in a moment."));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, method.Method, path, "timed out");
            return ApiResult<T>.Failure(ApiProblem.Unreachable("The request took too long; try again in a moment."));
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, method.Method, path, exception.Message);
            return ApiResult<T>.Failure(ApiProblem.Local(502, "The marketplace gave an answer this page cannot read."));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ApiProblem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall through to the status's own words.
            }
        }

        problem ??= new ApiProblem { Title = DefaultTitle(response.StatusCode) };
        return problem with { Status = status };
    }

    private static string DefaultTitle(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Please sign in again.",
        HttpStatusCode.Forbidden => "You may not do that.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment and try again.",
        _ => "The marketplace could not do that.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace API {Method} {Path} failed: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace API {Method} {Path} answered JSON that does not match: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string method, string path, string reason);
}
