using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketplace.Api.Features.Accounts;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Account set-up through the public HTTP API, as a client would do it.</summary>
public static class AccountsApi
{
    public const string DefaultPassword = "correct-horse-1";

    public static string NewEmail(string tag = "user") => $"{tag}-{Guid.NewGuid():N}@example.test";

    public static async Task<Guid> RegisterAsync(this HttpClient client, string email, string password = DefaultPassword)
    {
        var response = await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Test User" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegisterResponse>())!.UserId;
    }

    public static async Task<TokenResponse> LoginAsync(this HttpClient client, string email, string password = DefaultPassword)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public static HttpClient ClientWithToken(this MarketplaceApiFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<TestUser> NewBuyerAsync(this MarketplaceApiFactory factory)
    {
        var anonymous = factory.CreateClient();
        var email = NewEmail("buyer");
        var id = await anonymous.RegisterAsync(email);
        var token = (await anonymous.LoginAsync(email)).AccessToken;
        return new TestUser(id, email, DefaultPassword, token, factory.ClientWithToken(token));
    }

    public static async Task<TestUser> NewSellerAsync(this MarketplaceApiFactory factory)
    {
        var buyer = await factory.NewBuyerAsync();
        var response = await buyer.Client.PostAsync("/api/auth/become-seller", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        return buyer with { Token = token, Client = factory.ClientWithToken(token) };
    }

    public static async Task<TestUser> AdminAsync(this MarketplaceApiFactory factory)
    {
        var anonymous = factory.CreateClient();
        var token = (await anonymous.LoginAsync(MarketplaceApiFactory.AdminEmail, MarketplaceApiFactory.AdminPassword)).AccessToken;
        var client = factory.ClientWithToken(token);
        var me = (await client.GetFromJsonAsync<UserResponse>("/api/auth/me"))!;
        return new TestUser(me.UserId, me.Email, MarketplaceApiFactory.AdminPassword, token, client);
    }
}
