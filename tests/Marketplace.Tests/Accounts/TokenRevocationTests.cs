using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Marketplace.Api.Features.Accounts;
using Marketplace.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Tests.Accounts;

/// <summary>
/// Tokens carry the user's security stamp; signing out and role changes rotate it, so tokens issued before stop
/// working while a fresh sign-in works.
/// </summary>
public sealed class TokenRevocationTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Sign_out_revokes_the_earlier_token_and_a_new_sign_in_works()
    {
        var buyer = await api.NewBuyerAsync();
        var before = await buyer.Client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        var logout = await buyer.Client.PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);
        var after = await buyer.Client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized, "unauthorized");
        var fresh = (await api.CreateClient().LoginAsync(buyer.Email)).AccessToken;
        var again = await api.ClientWithToken(fresh).GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Sign_out_needs_a_token()
    {
        var response = await api.CreateClient().PostAsync("/api/auth/logout", null, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_role_grant_revokes_the_earlier_token_and_the_new_one_carries_the_role()
    {
        var admin = await api.AdminAsync();
        var buyer = await api.NewBuyerAsync();

        var granted = await admin.Client.PostAsJsonAsync($"/api/admin/users/{buyer.Id}/roles", new { role = "seller" }, TestContext.Current.CancellationToken);
        var old = await buyer.Client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await ProblemAssert.IsProblemAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
        var fresh = (await api.CreateClient().LoginAsync(buyer.Email)).AccessToken;
        var listing = await api.ClientWithToken(fresh).CreateListingAsync(CatalogApi.ListingBody());
        Assert.Equal(buyer.Id, listing.SellerId);
    }

    [Fact]
    public async Task An_admin_removes_a_role_which_revokes_the_token_that_carried_it()
    {
        var admin = await api.AdminAsync();
        var seller = await api.NewSellerAsync();

        var removed = await admin.Client.DeleteAsync($"/api/admin/users/{seller.Id}/roles/seller", TestContext.Current.CancellationToken);
        var old = await seller.Client.PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var user = await removed.Content.ReadFromJsonAsync<UserResponse>(TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Buyer], user!.Roles);
        await ProblemAssert.IsProblemAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
        var fresh = (await api.CreateClient().LoginAsync(seller.Email)).AccessToken;
        var refused = await api.ClientWithToken(fresh).PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(), TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Non_admins_cannot_remove_roles()
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.DeleteAsync($"/api/admin/users/{seller.Id}/roles/buyer", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var me = await seller.Client.GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Buyer, Roles.Seller], me!.Roles);
    }

    [Fact]
    public async Task Removing_an_unknown_role_is_400_naming_role_and_from_an_unknown_user_404()
    {
        var admin = await api.AdminAsync();

        var badRole = await admin.Client.DeleteAsync($"/api/admin/users/{admin.Id}/roles/superuser", TestContext.Current.CancellationToken);
        var noUser = await admin.Client.DeleteAsync($"/api/admin/users/{Guid.NewGuid()}/roles/seller", TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(badRole, "role");
        await ProblemAssert.IsProblemAsync(noUser, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_correctly_signed_token_without_a_security_stamp_is_401()
    {
        var buyer = await api.NewBuyerAsync();
        var now = DateTime.UtcNow;
        var unstamped = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", buyer.Id.ToString()), new Claim("role", Roles.Buyer)]),
            Issuer = MarketplaceApiFactory.Issuer,
            Audience = MarketplaceApiFactory.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(MarketplaceApiFactory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });

        var response = await api.ClientWithToken(unstamped).GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }
}
