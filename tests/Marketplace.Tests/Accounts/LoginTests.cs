using System.Net;
using System.Net.Http.Json;
using Marketplace.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Marketplace.Tests.Accounts;

public sealed class LoginTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Login_returns_a_signed_token_with_subject_roles_and_lifetime()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail();
        var id = await client.RegisterAsync(email);

        var token = await client.LoginAsync(email.ToUpperInvariant());

        Assert.Equal(3600, token.ExpiresIn);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(id.ToString(), jwt.Subject);
        Assert.Equal(MarketplaceApiFactory.Issuer, jwt.Issuer);
        Assert.Equal(["buyer"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(TimeSpan.FromSeconds(token.ExpiresIn), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Wrong_password_is_401_invalid_credentials()
    {
        var client = api.CreateClient();
        var email = AccountsApi.NewEmail();
        await client.RegisterAsync(email);

        var response = await client.PostAsJsonAsync("/api/auth/login",
            new { email, password = "wrong-password-1" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Unknown_email_is_401_invalid_credentials()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { email = AccountsApi.NewEmail("ghost"), password = AccountsApi.DefaultPassword }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Missing_credentials_are_400_naming_the_fields()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = " " }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(response, "email", "password");
    }
}
