using System.Net;

namespace EndToEnd.Tests.Api;

/// <summary>Status checks that show the body when the answer is not the expected one.</summary>
public static class Expect
{
    public static async Task StatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode} {body}");
        }
    }

    /// <summary>An RFC 7807 answer with the status and the problem type under https://moderation.local/problems/.</summary>
    public static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        await StatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        Assert.Equal("https://moderation.local/problems/" + type, problem.GetProperty("type").GetString());
    }
}
