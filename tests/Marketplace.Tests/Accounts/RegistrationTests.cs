using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Accounts;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Accounts;

public sealed class RegistrationTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Register_returns_201_with_the_new_user_id_and_a_buyer_role()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail();

        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { email, password = AccountsApi.DefaultPassword, displayName = "Ann" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<RegisterResponse>(TestContext.Current.CancellationToken);
        Assert.NotEqual(Guid.Empty, created!.UserId);
        var token = (await client.LoginAsync(email)).AccessToken;
        var me = await api.ClientWithToken(token).GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(created.UserId, me!.UserId);
        Assert.Equal("Ann", me.DisplayName);
        Assert.Equal([Roles.Buyer], me.Roles);
    }

    [Fact]
    public async Task Duplicate_email_in_any_case_is_409_email_taken()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail("dup");
        await client.RegisterAsync(email);

        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { email = "  " + email.ToUpperInvariant() + " ", password = "another-pass-1", displayName = "Copy" },
            TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "email-taken");
    }

    [Fact]
    public async Task Invalid_fields_are_400_naming_each_field()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = "not-an-email", password = "short", displayName = "" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "email", "password", "displayName");
    }

    [Fact]
    public async Task Missing_fields_are_400_naming_each_field()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/register", new { }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "email", "password", "displayName");
    }
}
