using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Errors;

/// <summary>Every paged list bounds <c>page</c> and <c>pageSize</c>: beyond them is a 400 naming the parameter, never a 500.</summary>
public sealed class PagingBoundsTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> PagedPaths => new()
    {
        "/api/listings",
        "/api/orders",
        $"/api/listings/{Guid.NewGuid()}/reviews",
        "/api/admin/reviews",
    };

    [Theory]
    [MemberData(nameof(PagedPaths))]
    public async Task A_page_whose_offset_overflows_is_400_naming_page(string path)
    {
        var admin = await api.AdminAsync();

        var response = await admin.Client.GetAsync(path + "?page=2147483647", Ct);

        await ProblemAssert.IsValidationAsync(response, "page");
    }

    [Theory]
    [MemberData(nameof(PagedPaths))]
    public async Task The_deepest_page_is_served_and_one_past_it_is_400(string path)
    {
        var admin = await api.AdminAsync();

        var deepest = await admin.Client.GetAsync(path + "?page=10000&pageSize=100", Ct);
        var beyond = await admin.Client.GetAsync(path + "?page=10001", Ct);

        Assert.Equal(HttpStatusCode.OK, deepest.StatusCode);
        await ProblemAssert.IsValidationAsync(beyond, "page");
    }

    [Theory]
    [InlineData("page=99999999999999999999", "page")]
    [InlineData("pageSize=2147483648", "pageSize")]
    [InlineData("pageSize=-2147483648", "pageSize")]
    [InlineData("page=1e3", "page")]
    public async Task Numbers_beyond_an_integer_or_not_integers_are_400(string query, string field)
    {
        var response = await api.CreateClient().GetAsync("/api/listings?" + query, Ct);

        await ProblemAssert.IsValidationAsync(response, field);
    }
}
