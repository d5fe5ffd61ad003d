using Marketplace.Web.Api;
using Marketplace.Web.Session;

namespace Marketplace.Web.Tests.Components;

/// <summary>The small rules the pages lean on: where sign-in may send the user back to, and how a query is written.</summary>
public sealed class SessionAndQueryTests
{
    [Theory]
    [InlineData("/orders/42", "/orders/42")]
    [InlineData("/flash-sales/1?x=1", "/flash-sales/1?x=1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void Sign_in_returns_only_to_pages_of_this_site(string? asked, string expected) =>
        Assert.Equal(expected, LocalReturn.Of(asked));

    [Fact]
    public void A_query_keeps_the_parameters_that_have_a_value_escaped()
    {
        Assert.Equal("", QueryText.Of(("q", null), ("game", " ")));
        Assert.Equal("?q=a%26b%3Dc&game=Realm%20Quest&page=2", QueryText.Of(("q", "a&b=c"), ("kind", ""), ("game", " Realm Quest "), ("page", "2")));
    }
}
