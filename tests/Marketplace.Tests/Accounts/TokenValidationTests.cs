using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Marketplace.Api.Features.Accounts;
using Marketplace.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Tests.Accounts;

/// <summary>Only tokens the API would issue, and only while they are valid, authenticate.</summary>
public sealed class TokenValidationTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Issued_token_authenticates()
    {
        var user = await api.NewBuyerAsync();

        var me = await user.Client.GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal(user.Id, me!.UserId);
        Assert.Equal(user.Email, me.Email);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var user = await api.NewBuyerAsync();
        var now = DateTime.UtcNow;
        var expired = Sign(user.Id, MarketplaceApiFactory.SigningKey, issuedAt: now.AddHours(-2), expires: now.AddMinutes(-5));

        var response = await api.ClientWithToken(expired).GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        var user = await api.NewBuyerAsync();
        var now = DateTime.UtcNow;
        var forged = Sign(user.Id, "some-other-key-that-is-long-enough-0123456789", now, now.AddHours(1), roles: ["buyer", "admin"]);

        var response = await api.ClientWithToken(forged).PostAsJsonAsync(
            $"/api/admin/users/{user.Id}/roles", new { role = "admin" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Malformed_token_is_401()
    {
        var response = await api.ClientWithToken("not.a.jwt").GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Correctly_signed_token_for_another_audience_is_401()
    {
        var user = await api.NewBuyerAsync();
        var now = DateTime.UtcNow;
        var token = Sign(user.Id, MarketplaceApiFactory.SigningKey, now, now.AddHours(1), audience: "someone-else");

        var response = await api.ClientWithToken(token).GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static string Sign(
        Guid subject, string key, DateTime issuedAt, DateTime expires,
        string audience = MarketplaceApiFactory.Audience, string[]? roles = null)
    {
        var claims = new List<Claim> { new("sub", subject.ToString()) };
        claims.AddRange((roles ?? ["buyer"]).Select(role => new Claim("role", role)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = MarketplaceApiFactory.Issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
