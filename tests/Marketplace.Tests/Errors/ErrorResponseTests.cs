using System.Net;
using System.Net.Http.Json;
using System.Text;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Errors;

/// <summary>Every error class leaves the server as RFC 7807 with its status and stable type.</summary>
public sealed class ErrorResponseTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Unknown_route_is_404_not_found()
    {
        var response = await api.CreateClient().GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Equal("/api/no-such-thing", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.example\", ")]
    [InlineData("not json at all")]
    [InlineData("{\"email\": 42, \"password\": \"x\"}")]
    public async Task Malformed_json_is_400_malformed_json(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await api.CreateClient().PostAsync("/api/auth/register", content, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task Bad_money_json_is_400_malformed_json_not_a_crash()
    {
        var seller = await api.NewSellerAsync();
        using var content = new StringContent(
            """{"title":"t","kind":"item","game":"g","price":{"amount":"lots","currency":"USD"},"stock":1}""",
            Encoding.UTF8, "application/json");

        var response = await seller.Client.PostAsync("/api/listings", content, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Contains("price.amount", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_is_400_naming_the_field()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { email = AccountsApi.NewEmail(), password = "long-enough-1" }, TestContext.Current.CancellationToken);

        var problem = await ProblemAssert.IsValidationAsync(response, "displayName");
        Assert.Equal("Display name is required.", problem.GetProperty("errors").GetProperty("displayName")[0].GetString());
    }

    [Fact]
    public async Task Missing_token_is_401_unauthorized_with_a_bearer_challenge()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/listings", CatalogApi.ListingBody(), TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Wrong_role_is_403_forbidden()
    {
        var buyer = await api.NewBuyerAsync();

        var response = await buyer.Client.PostAsJsonAsync($"/api/admin/users/{buyer.Id}/roles", new { role = "admin" }, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Oversized_body_is_413_payload_too_large()
    {
        var seller = await api.NewSellerAsync();
        var body = CatalogApi.ListingBody(title: "big") as object;
        var json = System.Text.Json.JsonSerializer.Serialize(body, System.Text.Json.JsonSerializerOptions.Web);
        var padded = json[..^1] + ",\"padding\":\"" + new string('x', MarketplaceApiFactory.MaxBodyBytes) + "\"}";
        using var content = new StringContent(padded, Encoding.UTF8, "application/json");

        var response = await seller.Client.PostAsync("/api/listings", content, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        var page = await api.CreateClient().BrowseAsync("pageSize=100");
        Assert.DoesNotContain(page.Items, l => l.Title == "big");
    }

    [Fact]
    public async Task Wrong_method_is_405_method_not_allowed()
    {
        var response = await api.CreateClient().PatchAsync("/api/auth/login", null, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Fact]
    public async Task Non_json_content_type_is_415_unsupported_media_type()
    {
        using var content = new StringContent("email=a@b.example", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await api.CreateClient().PostAsync("/api/auth/login", content, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task Unknown_charset_is_415_unsupported_media_type_not_a_crash()
    {
        using var content = new StringContent("{\"email\":\"a@b.example\",\"password\":\"x\"}");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=nonsense");

        var response = await api.CreateClient().PostAsync("/api/auth/login", content, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("/api/auth/me", "GET")]
    [InlineData("/api/auth/login", "POST")]
    public async Task A_client_that_accepts_only_xml_still_gets_problem_json_not_a_500(string path, string method)
    {
        // 401 from authentication, and 400 from binding (an empty body), each with Accept: application/xml.
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("application/xml");
        if (method == "POST")
        {
            request.Content = new StringContent("", Encoding.UTF8, "application/json");
        }

        var response = await api.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response,
            method == "GET" ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest, method == "GET" ? "unauthorized" : "bad-request");
    }

    [Fact]
    public async Task Unhandled_exception_is_500_internal_without_internals()
    {
        var response = await api.CreateClient().GetAsync(ThrowingEndpointStartupFilter.Path, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError, "internal");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ThrowingEndpointStartupFilter.SecretMessage, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_database_failure_is_503_with_retry_after_not_a_500()
    {
        var response = await api.CreateClient().GetAsync(ThrowingEndpointStartupFilter.TransientPath, TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "service-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ThrowingEndpointStartupFilter.SecretMessage, body, StringComparison.Ordinal);
    }
}
