using System.Net.Http.Headers;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketplace.Tests.RateLimiting;

/// <summary>Clients that come from a chosen address, and addresses no other test uses.</summary>
public static class ThrottledClients
{
    private static int _next;

    /// <summary>A documentation-range address (RFC 5737) unique within the test run.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return $"198.51.{n / 250}.{(n % 250) + 1}";
    }

    public static HttpClient From<TEntryPoint>(this WebApplicationFactory<TEntryPoint> api, string address, string? token = null)
        where TEntryPoint : class
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Checks a 429 refusal: problem details of <paramref name="type"/> and a Retry-After within the window.</summary>
    public static async Task<int> IsRefusedAsync(HttpResponseMessage response, string type, int maxRetryAfterSeconds)
    {
        await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.TooManyRequests, type);
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? throw new Xunit.Sdk.XunitException("A 429 without a Retry-After header (in seconds).");
        Assert.InRange(retryAfter.TotalSeconds, 1, maxRetryAfterSeconds);
        return (int)retryAfter.TotalSeconds;
    }
}
