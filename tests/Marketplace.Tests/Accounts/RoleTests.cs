using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Accounts;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Accounts;

public sealed class RoleTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Buyer_cannot_create_a_listing_until_becoming_a_seller()
    {
        var buyer = await api.NewBuyerAsync();

        var refused = await buyer.Client.PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(), TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");

        var promoted = await buyer.Client.PostAsync("/api/auth/become-seller", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var token = (await promoted.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;
        var listing = await api.ClientWithToken(token).CreateListingAsync(CatalogApi.ListingBody());
        Assert.Equal(buyer.Id, listing.SellerId);
    }

    [Fact]
    public async Task Become_seller_requires_a_token()
    {
        var response = await api.CreateClient().PostAsync("/api/auth/become-seller", null, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Seeded_admin_grants_a_role_that_the_next_login_carries()
    {
        var admin = await api.AdminAsync();
        var buyer = await api.NewBuyerAsync();

        var response = await admin.Client.PostAsJsonAsync($"/api/admin/users/{buyer.Id}/roles",
            new { role = "seller" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var granted = await response.Content.ReadFromJsonAsync<UserResponse>(TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Buyer, Roles.Seller], granted!.Roles);
        var token = (await api.CreateClient().LoginAsync(buyer.Email)).AccessToken;
        await api.ClientWithToken(token).CreateListingAsync(CatalogApi.ListingBody());
    }

    [Fact]
    public async Task Non_admins_cannot_grant_roles()
    {
        var seller = await api.NewSellerAsync();

        var response = await seller.Client.PostAsJsonAsync($"/api/admin/users/{seller.Id}/roles",
            new { role = "admin" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var me = await seller.Client.GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Roles.Admin, me!.Roles);
    }

    [Fact]
    public async Task Granting_an_unknown_role_is_400_naming_role_and_an_unknown_user_404()
    {
        var admin = await api.AdminAsync();

        var badRole = await admin.Client.PostAsJsonAsync($"/api/admin/users/{admin.Id}/roles",
            new { role = "superuser" }, TestContext.Current.CancellationToken);
        var noUser = await admin.Client.PostAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/roles",
            new { role = "seller" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsValidationAsync(badRole, "role");
        await ProblemAssert.IsProblemAsync(noUser, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Admin_seed_is_idempotent()
    {
        var before = await api.AdminAsync();

        await api.Services.GetRequiredService<AdminSeeder>().SeedAsync(TestContext.Current.CancellationToken);

        var after = await api.AdminAsync();
        Assert.Equal(before.Id, after.Id);
        var me = await after.Client.GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Buyer, Roles.Admin], me!.Roles);
    }
}
