using Bunit;
using Marketplace.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Components;

public sealed class PagerTests
{
    [Fact]
    public void Links_keep_the_search_and_change_only_the_page()
    {
        using var context = new BunitContext();
        context.Services.GetRequiredService<NavigationManager>().NavigateTo("/?q=sword&game=Realm%20Quest&page=2");
        var cut = context.Render<Pager>(p => p.Add(c => c.Page, 2).Add(c => c.Pages, 3));
        Assert.Equal("http://localhost/?q=sword&game=Realm%20Quest&page=1", cut.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("http://localhost/?q=sword&game=Realm%20Quest&page=3", cut.Find("a[rel=next]").GetAttribute("href"));
        Assert.Contains("Page 2 of 3", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void First_and_last_pages_have_one_link_and_a_single_page_none()
    {
        using var context = new BunitContext();
        Assert.Empty(context.Render<Pager>(p => p.Add(c => c.Page, 1).Add(c => c.Pages, 3)).FindAll("a[rel=prev]"));
        Assert.Empty(context.Render<Pager>(p => p.Add(c => c.Page, 3).Add(c => c.Pages, 3)).FindAll("a[rel=next]"));
        Assert.Empty(context.Render<Pager>(p => p.Add(c => c.Page, 1).Add(c => c.Pages, 1)).FindAll("nav"));
    }
}
