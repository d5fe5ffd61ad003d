using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Api;

/// <summary>A signed-in marketplace user: their id and a client that sends their bearer token.</summary>
public sealed class Session(Guid userId, string email, HttpClient client)
{
    public const string Password = "correct-horse-battery-1";

    public Guid UserId { get; } = userId;

    public string Email { get; } = email;

    public HttpClient Client { get; } = client;

    internal Platform Platform { get; private init; } = null!;

    internal static async Task<Session> RegisterAsync(Platform platform)
    {
        using var anonymous = platform.Anonymous();
        var email = $"user-{Guid.NewGuid():N}@e2e.test";
        var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "E2E User" });
        await Expect.StatusAsync(register, HttpStatusCode.Created);
        return await LoginAsync(platform, email, Password);
    }

    internal static async Task<Session> LoginAsync(Platform platform, string email, string password)
    {
        using var anonymous = platform.Anonymous();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
        await Expect.StatusAsync(login, HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<TokenView>())!.AccessToken;
        return await WithTokenAsync(platform, email, token);
    }

    public async Task<Session> BecomeSellerAsync()
    {
        var response = await Client.PostAsync(new Uri("/api/auth/become-seller", UriKind.Relative), null);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<TokenView>())!.AccessToken;
        return await WithTokenAsync(Platform, Email, token);
    }

    private static async Task<Session> WithTokenAsync(Platform platform, string email, string token)
    {
        var client = platform.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await client.GetFromJsonAsync<MeView>("/api/auth/me");
        return new Session(me!.UserId, email, client) { Platform = platform };
    }
}
