using System.Net.Http.Json;

namespace Moderation.Inference.Tests;

/// <summary>Calls the admin swap endpoint with the test key (or another).</summary>
internal static class Admin
{
    public static async Task<HttpResponseMessage> SwapAsync(HttpClient client, string bundle, string? key = InferenceServer.AdminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/admin/bundle") { Content = JsonContent.Create(new { path = bundle }) };
        if (key is not null)
        {
            request.Headers.Add("X-Admin-Key", key);
        }

        return await client.SendAsync(request);
    }
}
